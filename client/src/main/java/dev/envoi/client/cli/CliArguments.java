package dev.envoi.client.cli;

import dev.envoi.core.FieldSyntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The parsed command line of {@code envoi}: curl's spelling of the options it shares with curl, so
 * that muscle memory works, in a parser of its own so the command can grow (HTTPie's
 * {@code name=value} items, {@code --json}, {@code --form}, output options) without touching the
 * code that sends.
 *
 * <pre>
 * envoi [-X METHOD] [-H 'Name: value']... [-d DATA | -d @FILE] [-v] [--no-follow] URL
 * </pre>
 * Options may come before or after the URL; {@code --} ends them. Long forms: {@code --request},
 * {@code --header}, {@code --data}, {@code --verbose}, with a space or {@code =}. A URL without a
 * scheme gets {@code http://}, as curl and HTTPie do. {@code -d} without {@code -X} means POST.
 *
 * @param method the method, or {@code null} for GET (POST with data)
 * @param headers the {@code -H} fields as name/value pairs, in order
 * @param data the {@code -d} value ({@code @file} not yet read), or {@code null}
 * @param verbose {@code -v}: also print the request heads sent and each redirect
 * @param follow whether to follow redirects (default true, {@code --no-follow} turns it off)
 * @param help {@code -h}/{@code --help}
 * @param version {@code -V}/{@code --version}
 * @param url the URL, or {@code null} when only help/version was asked
 */
public record CliArguments(String method, List<String[]> headers, String data, boolean verbose, boolean follow,
        boolean help, boolean version, String url) {

    /** The usage text. */
    public static final String USAGE = String.join("\n",
            "usage: envoi [options] URL",
            "  -X, --request METHOD     request method (default GET, or POST with -d)",
            "  -H, --header 'N: v'      add a request header field (repeatable)",
            "  -d, --data DATA          send DATA as the body (@FILE reads a file), form-encoded type",
            "  -v, --verbose            also print the request head(s) and redirects",
            "      --no-follow          do not follow redirects",
            "  -h, --help               this text",
            "  -V, --version            the version",
            "");

    /** Copies the header list. */
    public CliArguments {
        headers = List.copyOf(headers);
    }

    /** A command line the user got wrong; the message says how. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Parses {@code args}. */
    public static CliArguments parse(String... args) throws UsageException {
        Objects.requireNonNull(args, "args");
        String method = null;
        String data = null;
        String url = null;
        boolean verbose = false;
        boolean follow = true;
        boolean help = false;
        boolean version = false;
        List<String[]> headers = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (optionsEnded || !a.startsWith("-") || a.equals("-")) {
                if (url != null) {
                    throw new UsageException("more than one URL: " + url + " and " + a);
                }
                url = a;
                continue;
            }
            String name = a;
            String inline = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                inline = a.substring(eq + 1);
            } else if (!a.startsWith("--") && a.length() > 2) {
                name = a.substring(0, 2); // -XPOST, -HName:v
                inline = a.substring(2);
            }
            switch (name) {
                case "--" -> optionsEnded = true;
                case "-X", "--request" -> {
                    String v = inline != null ? inline : value(args, ++i, name);
                    if (!FieldSyntax.isToken(v)) {
                        throw new UsageException("not a method name (RFC 9110 §9.1 token): " + v);
                    }
                    method = v;
                }
                case "-H", "--header" -> headers.add(header(inline != null ? inline : value(args, ++i, name)));
                case "-d", "--data" -> data = inline != null ? inline : value(args, ++i, name);
                case "-v", "--verbose" -> verbose = flag(name, inline, true);
                case "--no-follow" -> follow = !flag(name, inline, true);
                case "-h", "--help" -> help = flag(name, inline, true);
                case "-V", "--version" -> version = flag(name, inline, true);
                default -> throw new UsageException("unknown option: " + a);
            }
        }
        if (url == null && !help && !version) {
            throw new UsageException("no URL given");
        }
        return new CliArguments(method, headers, data, verbose, follow, help, version,
                url == null ? null : withScheme(url));
    }

    /** The method to send: {@code -X}, else POST when there is data, else GET. */
    public String effectiveMethod() {
        return method != null ? method : data != null ? "POST" : "GET";
    }

    private static boolean flag(String name, String inline, boolean value) throws UsageException {
        if (inline != null) {
            throw new UsageException(name + " takes no value");
        }
        return value;
    }

    private static String value(String[] args, int i, String name) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(name + " needs a value");
        }
        return args[i];
    }

    /** {@code "Name: value"} → name and value without surrounding whitespace (RFC 9110 §5.5). */
    static String[] header(String text) throws UsageException {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new UsageException("a header must look like 'Name: value', got: " + text);
        }
        String name = text.substring(0, colon);
        if (!FieldSyntax.isToken(name)) {
            throw new UsageException("not a header name (RFC 9110 §5.1 token): " + name);
        }
        String value = text.substring(colon + 1).strip();
        for (int i = 0; i < value.length(); i++) {
            if (!FieldSyntax.isFieldValueChar(value.charAt(i))) {
                throw new UsageException("header " + name + " has a character not allowed in a field value"
                        + " (RFC 9110 §5.5) at index " + i);
            }
        }
        return new String[] {name, value};
    }

    private static String withScheme(String url) {
        return url.contains("://") ? url : "http://" + url;
    }
}
