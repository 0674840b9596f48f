package dev.envoi.client;

import dev.envoi.client.internal.auth.NetrcParser;
import dev.envoi.core.Url;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Credentials from a {@code .netrc} file, read as curl and Python's {@code requests} read it.
 *
 * <pre>{@code
 * Netrc netrc = Netrc.loadDefault();                 // $NETRC, else ~/.netrc (~/_netrc on Windows)
 * Optional<Credentials> c = netrc.credentialsFor(Url.parse("https://api.example.com/x"));
 * netrc.warnings().forEach(System.err::println);     // what could not be read, by line
 * }</pre>
 *
 * <h2>Format</h2>
 * {@code machine NAME}, then {@code login}, {@code password}, {@code account} values, for each
 * host; {@code default} applies to any host without its own entry; {@code macdef NAME} defines a
 * macro whose body (up to an empty line) is skipped. A token starting with {@code #} where a
 * keyword is due comments out the rest of its line (a value may start with {@code #}). Values may be double-quoted, with {@code \"}, {@code \\}, {@code \n},
 * {@code \r}, {@code \t} escapes (curl 7.84+), so passwords may hold spaces.
 *
 * <h2>Lookup</h2>
 * By the host of the parsed URL only ({@link Url#host()}: lower case, IDN in {@code xn--} form,
 * IPv6 without brackets, though {@code [::1]} in the file matches too, and a Unicode machine name
 * matches its {@code xn--} form), ignoring case, never by a
 * string cut out of the URL text: {@code requests} looked up the wrong host for
 * {@code http://example.com:@evil.com/} (CVE-2024-47081). Ports are not part of the match. The
 * first entry for a host wins, then {@code default}.
 *
 * <h2>Errors</h2>
 * Parsing never throws: entries that cannot be read are skipped and reported in
 * {@link #warnings()}, so a damaged file cannot break every request. {@link #load(Path)} throws
 * only when the file cannot be read at all; {@link #loadDefault()} never throws. Permissions are
 * not checked (curl does not either). Immutable.
 *
 * <p>For the client: credentials in a URL's userinfo take precedence over {@code .netrc}, as in
 * curl and {@code requests}, and {@code .netrc} credentials are sent only to their host:
 * <pre>{@code
 * Optional<Credentials> c = Credentials.fromUrl(url).or(() -> netrc.credentialsFor(url));
 * }</pre>
 */
public final class Netrc {
    /** Files larger than this are not read (a {@code .netrc} is a few lines). */
    public static final int MAX_FILE_SIZE = 1 << 20;

    private static final Netrc EMPTY = new Netrc(List.of(), null, List.of());

    private final List<NetrcParser.Entry> machines;
    private final NetrcParser.Entry defaultEntry;
    private final List<String> warnings;

    private Netrc(List<NetrcParser.Entry> machines, NetrcParser.Entry defaultEntry, List<String> warnings) {
        this.machines = machines;
        this.defaultEntry = defaultEntry;
        this.warnings = warnings;
    }

    /** A {@code Netrc} with no entries. */
    public static Netrc empty() {
        return EMPTY;
    }

    /** Parses the text of a {@code .netrc} file; never throws. */
    public static Netrc parse(String content) {
        Objects.requireNonNull(content, "content");
        NetrcParser.Result r = NetrcParser.parse(content);
        return new Netrc(r.machines(), r.defaultEntry(), r.warnings());
    }

    /**
     * Reads and parses {@code file} (UTF-8; malformed bytes become U+FFFD, with a warning).
     *
     * @throws IOException if the file cannot be read, or is larger than {@value #MAX_FILE_SIZE} bytes
     */
    public static Netrc load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_SIZE + 1);
        }
        if (bytes.length > MAX_FILE_SIZE) {
            throw new IOException(file + " is larger than " + MAX_FILE_SIZE + " bytes; not a .netrc file");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return parse(text);
        } catch (CharacterCodingException e) {
            Netrc netrc = parse(new String(bytes, StandardCharsets.UTF_8));
            return netrc.withWarning(file + " is not valid UTF-8; malformed bytes read as U+FFFD");
        }
    }

    /**
     * The file curl and {@code requests} would read: {@code $NETRC} when set and not empty, else
     * {@code ~/.netrc}, else on Windows {@code ~/_netrc}; home is {@code $HOME} when set, else the
     * {@code user.home} property. Missing files give {@link #empty()}; an unreadable one gives an
     * empty {@code Netrc} whose warning says why. Never throws.
     */
    public static Netrc loadDefault() {
        String home = System.getenv("HOME");
        Path homeDir = Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home", "."));
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return loadDefault(System.getenv(), homeDir, windows);
    }

    /** {@link #loadDefault()} with the environment, home directory and platform given (for tests). */
    static Netrc loadDefault(Map<String, String> env, Path home, boolean windows) {
        Optional<Path> file = locate(env, home, windows);
        if (file.isEmpty()) {
            return EMPTY;
        }
        try {
            return load(file.get());
        } catch (IOException | RuntimeException e) {
            return EMPTY.withWarning("cannot read " + file.get() + ": " + e.getMessage());
        }
    }

    /**
     * The {@code .netrc} file to read for {@code env} and {@code home}: {@code env.get("NETRC")}
     * when set and not empty (whether or not it exists, so a missing one is reported), else
     * {@code home/.netrc} if it exists, else on Windows {@code home/_netrc} if it exists.
     */
    public static Optional<Path> locate(Map<String, String> env, Path home, boolean windows) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(home, "home");
        String explicit = env.get("NETRC");
        if (explicit != null && !explicit.isEmpty()) {
            return Optional.of(Path.of(explicit));
        }
        Path dot = home.resolve(".netrc");
        if (Files.isRegularFile(dot)) {
            return Optional.of(dot);
        }
        Path underscore = home.resolve("_netrc");
        return windows && Files.isRegularFile(underscore) ? Optional.of(underscore) : Optional.empty();
    }

    /** The credentials for {@code url}'s host (see the class comment), or empty. */
    public Optional<Credentials> credentialsFor(Url url) {
        Objects.requireNonNull(url, "url");
        return credentialsFor(url.host());
    }

    /**
     * The credentials for {@code host}: the first {@code machine} entry naming it (ignoring case;
     * an IPv6 address matches with or without brackets), else the {@code default} entry, else
     * empty. A missing login or password reads as empty.
     */
    public Optional<Credentials> credentialsFor(String host) {
        Objects.requireNonNull(host, "host");
        NetrcParser.Entry e = NetrcParser.find(machines, host);
        if (e == null && host.indexOf(':') >= 0) {
            e = NetrcParser.find(machines, "[" + host + "]");
        }
        if (e == null) {
            e = defaultEntry;
        }
        if (e == null) {
            return Optional.empty();
        }
        return Optional.of(Credentials.of(e.login() == null ? "" : e.login(),
                e.password() == null ? "" : e.password()));
    }

    /** What could not be read, one message per problem, each naming its line; never a password. */
    public List<String> warnings() {
        return warnings;
    }

    /** The hosts with an entry, in file order (for diagnostics; no credentials). */
    public List<String> machines() {
        List<String> hosts = new ArrayList<>(machines.size());
        for (NetrcParser.Entry e : machines) {
            hosts.add(e.host());
        }
        return List.copyOf(hosts);
    }

    private Netrc withWarning(String warning) {
        List<String> all = new ArrayList<>(warnings);
        all.add(warning);
        return new Netrc(machines, defaultEntry, List.copyOf(all));
    }

    @Override
    public String toString() {
        return "Netrc[machines=" + machines() + (defaultEntry != null ? ", default" : "") + ", warnings="
                + warnings.size() + "]";
    }
}
