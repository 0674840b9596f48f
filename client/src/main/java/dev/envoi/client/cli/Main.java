package dev.envoi.client.cli;

import dev.envoi.client.Client;
import dev.envoi.client.EventListener;
import dev.envoi.client.Redirect;
import dev.envoi.client.Request;
import dev.envoi.client.RequestBody;
import dev.envoi.client.Response;
import dev.envoi.core.Headers;
import dev.envoi.core.HttpVersion;
import dev.envoi.core.MediaType;
import dev.envoi.core.Method;
import dev.envoi.core.Url;
import dev.envoi.transport.ProxyConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code envoi} command: sends one request and prints the status line, the response fields and
 * the body (see {@link CliArguments} for the options). Exit status: 0 when a response arrived
 * (whatever its status, as curl), 1 when the request failed (the reason on stderr, URL redacted),
 * 2 for a usage error. Proxies come from {@code HTTP_PROXY}/{@code HTTPS_PROXY}/{@code NO_PROXY}, as
 * curl reads them.
 */
public final class Main {
    private Main() {
    }

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        System.exit(run(args, out, System.err));
    }

    /** Runs the command, writing to {@code out} and {@code err}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CliArguments cli;
        try {
            cli = CliArguments.parse(args);
        } catch (CliArguments.UsageException e) {
            err.println("envoi: " + e.getMessage());
            err.print(CliArguments.USAGE);
            return 2;
        }
        if (cli.help()) {
            out.print(CliArguments.USAGE);
            return 0;
        }
        if (cli.version()) {
            out.println(Client.DEFAULT_USER_AGENT);
            return 0;
        }
        try (Client client = client(cli, out)) {
            Response r = client.send(request(cli));
            printResponse(r, out);
            return 0;
        } catch (IOException e) {
            err.println("envoi: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("envoi: " + e.getMessage());
            return 2;
        }
    }

    static Request request(CliArguments cli) throws IOException {
        Request.Builder b = Request.builder(cli.url()).method(cli.effectiveMethod());
        for (String[] h : cli.headers()) {
            b.header(h[0], h[1]);
        }
        if (cli.data() != null) {
            byte[] bytes = cli.data().startsWith("@") ? Files.readAllBytes(Path.of(cli.data().substring(1)))
                    : cli.data().getBytes(StandardCharsets.UTF_8);
            b.body(RequestBody.of(bytes, MediaType.APPLICATION_FORM_URLENCODED)); // curl -d's type
        }
        return b.build();
    }

    private static Client client(CliArguments cli, PrintStream out) {
        Client.Builder b = Client.builder().followRedirects(cli.follow()).proxies(ProxyConfig.system());
        if (cli.verbose()) {
            b.eventListener(new Verbose(out));
        }
        return b.build();
    }

    static void printResponse(Response r, PrintStream out) throws IOException {
        out.println(r.version() + " " + r.code() + (r.reasonPhrase().isEmpty() ? "" : " " + r.reasonPhrase()));
        printFields(r.headers(), out);
        out.println();
        byte[] body = r.bytes();
        if (body.length == 0) {
            return;
        }
        if (isText(r, body)) {
            String text = r.text();
            out.print(text);
            if (!text.endsWith("\n")) {
                out.println();
            }
        } else {
            out.println("[binary body: " + body.length + " bytes, not shown]");
        }
    }

    private static void printFields(Headers headers, PrintStream out) {
        for (int i = 0; i < headers.size(); i++) {
            out.println(headers.name(i) + ": " + headers.value(i));
        }
    }

    /** Text when the media type says so, or when there is no NUL in the first KiB and it decodes as UTF-8. */
    private static boolean isText(Response r, byte[] body) {
        MediaType type = r.contentType().orElse(null);
        if (type != null && (type.type().equals("text") || type.subtype().endsWith("json")
                || type.subtype().endsWith("xml") || type.subtype().equals("javascript")
                || type.subtype().equals("x-www-form-urlencoded") || type.charset().isPresent())) {
            return true;
        }
        for (int i = 0; i < Math.min(body.length, 1024); i++) {
            if (body[i] == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** {@code -v}: prints each request head as sent, and each redirect with its reasons. */
    private static final class Verbose implements EventListener {
        private final PrintStream out;

        Verbose(PrintStream out) {
            this.out = out;
        }

        @Override
        public void requestSent(Url url, Method method, String target, Headers headers, long elapsedNanos) {
            out.println(method + " " + target + " " + HttpVersion.HTTP_1_1);
            printFields(headers, out);
            out.println();
        }

        @Override
        public void redirect(Redirect redirect, long elapsedNanos) {
            out.println("# redirect " + redirect);
            out.println();
        }
    }
}
