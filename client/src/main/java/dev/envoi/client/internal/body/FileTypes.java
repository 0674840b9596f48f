package dev.envoi.client.internal.body;

import dev.envoi.core.MediaType;

import java.util.Locale;
import java.util.Map;

/**
 * The media type of a file guessed from its extension, from a fixed table of common types, so the
 * guess is the same on every platform ({@code Files.probeContentType} depends on the OS). Unknown
 * extensions give {@code application/octet-stream}, as RFC 2046 §4.5.1 suggests for arbitrary data.
 */
public final class FileTypes {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("txt", "text/plain"), Map.entry("html", "text/html"), Map.entry("htm", "text/html"),
            Map.entry("css", "text/css"), Map.entry("csv", "text/csv"), Map.entry("js", "text/javascript"),
            Map.entry("md", "text/markdown"), Map.entry("json", "application/json"),
            Map.entry("xml", "application/xml"), Map.entry("pdf", "application/pdf"),
            Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"),
            Map.entry("tar", "application/x-tar"), Map.entry("wasm", "application/wasm"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("svg", "image/svg+xml"),
            Map.entry("ico", "image/vnd.microsoft.icon"), Map.entry("mp3", "audio/mpeg"),
            Map.entry("wav", "audio/wav"), Map.entry("mp4", "video/mp4"), Map.entry("webm", "video/webm"));

    private FileTypes() {
    }

    /** The media type for {@code fileName}'s extension, or {@code application/octet-stream}. */
    public static MediaType guess(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        String type = TYPES.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
        return type == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parse(type);
    }
}
