package dev.envoi.client.internal.auth;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the {@code .netrc} format as curl and Python's {@code netrc} module do, never throwing:
 * what cannot be read becomes a warning naming its line, and the rest is kept.
 *
 * <ul>
 *   <li>Tokens are separated by spaces, tabs and line ends. Keywords ({@code machine},
 *       {@code default}, {@code login}, {@code password}, {@code account}, {@code macdef}) are
 *       matched ignoring ASCII case, as curl does; the token after {@code machine}, {@code login},
 *       {@code password}, {@code account} or {@code macdef} is always a value, whatever it says.</li>
 *   <li>A token starting with {@code "} runs to the next unescaped {@code "} on the same line;
 *       inside it {@code \n}, {@code \r} and {@code \t} are LF, CR and TAB and a backslash before
 *       any other character stands for that character (curl 7.84 and later). A quote elsewhere is
 *       an ordinary character. An entry with an unterminated quoted token is dropped.</li>
 *   <li>Where a keyword is due, a token starting with {@code #} comments out the rest of its
 *       line; where a value is due it is the value ({@code password #x} is the password {@code #x},
 *       as Python reads it; {@code pass#word} is a password everywhere).</li>
 *   <li>{@code macdef name} skips the macro body: the following lines up to an empty line.</li>
 *   <li>The first entry for a machine wins, as in curl (Python keeps the last); later ones and a
 *       second {@code default} are ignored with a warning. Unknown tokens are skipped with a warning.</li>
 * </ul>
 */
public final class NetrcParser {

    /** One {@code machine} (or {@code default}, with a null host) entry; absent fields are null. */
    public record Entry(String host, String login, String password, String account) {
    }

    /** The entries, the default entry (or null) and the warnings. */
    public record Result(List<Entry> machines, Entry defaultEntry, List<String> warnings) {
    }

    private record Token(String text, int line, boolean broken) {
        String keyword() {
            return text.toLowerCase(Locale.ROOT);
        }
    }

    private final List<Token> tokens = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private NetrcParser() {
    }

    /** Parses {@code content}; never throws. */
    public static Result parse(String content) {
        NetrcParser p = new NetrcParser();
        new Lexer(content, p.tokens).run();
        return p.entries();
    }

    private Result entries() {
        List<Entry> machines = new ArrayList<>();
        Entry defaultEntry = null;
        int i = 0;
        while (i < tokens.size()) {
            Token t = tokens.get(i++);
            String keyword = t.keyword();
            boolean isDefault = keyword.equals("default");
            if (keyword.equals("macdef")) {
                i++; // its name; the lexer skipped the body
            } else if (keyword.equals("machine") && i == tokens.size()) {
                warn(t.line(), "'machine' without a name at the end of the file");
            } else if (keyword.equals("machine") || isDefault) {
                Token host = isDefault ? null : tokens.get(i++);
                String[] fields = new String[3];
                i = readFields(i, fields);
                boolean broken = brokenValue || host != null && host.broken();
                Entry e = new Entry(host == null ? null : host.text(), fields[0], fields[1], fields[2]);
                if (broken) {
                    warn(t.line(), "entry dropped: it has an unterminated quoted token");
                } else if (isDefault) {
                    if (defaultEntry != null) {
                        warn(t.line(), "second 'default' entry ignored");
                    } else {
                        defaultEntry = e;
                    }
                } else if (find(machines, e.host()) != null) {
                    warn(t.line(), "second entry for the same machine ignored");
                } else {
                    machines.add(e);
                }
            } else {
                boolean isField = field(keyword) >= 0;
                warn(t.line(), isField ? "'" + keyword + "' before any 'machine' ignored" : "unknown token ignored");
                i += isField && i < tokens.size() ? 1 : 0;
            }
        }
        return new Result(List.copyOf(machines), defaultEntry, List.copyOf(warnings));
    }

    /** Whether the last {@link #readFields} met an unterminated quoted value. */
    private boolean brokenValue;

    /**
     * Reads {@code login}/{@code password}/{@code account} pairs from token {@code i} up to the
     * next entry keyword into {@code fields} (the first of each wins); returns the index after them.
     */
    private int readFields(int i, String[] fields) {
        brokenValue = false;
        while (i < tokens.size() && !startsEntry(tokens.get(i).keyword())) {
            Token k = tokens.get(i++);
            int field = field(k.keyword());
            if (field < 0) {
                warn(k.line(), "unknown token in an entry ignored");
            } else if (i == tokens.size()) {
                warn(k.line(), "'" + k.keyword() + "' without a value at the end of the file");
            } else {
                Token v = tokens.get(i++); // a value, even if it reads like a keyword
                brokenValue |= v.broken();
                fields[field] = fields[field] == null ? v.text() : fields[field];
            }
        }
        return i;
    }

    private static boolean startsEntry(String keyword) {
        return keyword.equals("machine") || keyword.equals("default") || keyword.equals("macdef");
    }

    private static int field(String keyword) {
        return switch (keyword) {
            case "login" -> 0;
            case "password" -> 1;
            case "account" -> 2;
            default -> -1;
        };
    }

    /**
     * The first entry whose host equals {@code host} ignoring ASCII case, or null. A machine name
     * written in Unicode ({@code bücher.example}) matches its {@code xn--} form, which is how
     * {@link dev.envoi.core.Url#host()} gives it.
     */
    public static Entry find(List<Entry> machines, String host) {
        for (Entry e : machines) {
            if (e.host().equalsIgnoreCase(host) || asciiHost(e.host()).equalsIgnoreCase(host)) {
                return e;
            }
        }
        return null;
    }

    private static String asciiHost(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                try {
                    return IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES);
                } catch (IllegalArgumentException notAHostName) {
                    return name;
                }
            }
        }
        return name;
    }

    private void warn(int line, String message) {
        warnings.add("line " + line + ": " + message);
    }

    /** Splits the text into tokens, dropping comments and macro bodies. */
    private static final class Lexer {
        private final String s;
        private final int n;
        private final List<Token> out;
        private int pos;
        private int line = 1;

        Lexer(String s, List<Token> out) {
            this.s = s;
            this.n = s.length();
            this.out = out;
        }

        void run() {
            boolean valueNext = false;
            boolean macroName = false;
            while (skipSpaceAndComments(valueNext || macroName)) {
                Token t = s.charAt(pos) == '"' ? quoted() : plain();
                out.add(t);
                if (macroName) {
                    skipMacroBody();
                    macroName = false;
                    valueNext = false;
                } else if (valueNext) {
                    valueNext = false;
                } else {
                    String k = t.keyword();
                    macroName = k.equals("macdef");
                    valueNext = k.equals("machine") || field(k) >= 0;
                }
            }
        }

        /** Skips whitespace and, where a keyword is due, {@code #} comments; false at the end. */
        private boolean skipSpaceAndComments(boolean valueDue) {
            while (pos < n) {
                char c = s.charAt(pos);
                if (c == '\n') {
                    line++;
                } else if (c == '#' && !valueDue) {
                    while (pos + 1 < n && s.charAt(pos + 1) != '\n') {
                        pos++;
                    }
                } else if (!isSpace(c)) {
                    return true;
                }
                pos++;
            }
            return false;
        }

        private Token plain() {
            int start = pos;
            while (pos < n && !isSpace(s.charAt(pos))) {
                pos++;
            }
            return new Token(s.substring(start, pos), line, false);
        }

        private Token quoted() {
            StringBuilder sb = new StringBuilder();
            int i = pos + 1;
            while (i < n && s.charAt(i) != '\n') {
                char c = s.charAt(i);
                if (c == '"') {
                    pos = i + 1;
                    return new Token(sb.toString(), line, false);
                }
                if (c == '\\' && i + 1 < n && s.charAt(i + 1) != '\n') {
                    c = s.charAt(++i);
                    c = c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : c;
                }
                sb.append(c);
                i++;
            }
            pos = i; // resume at the line end; the entry holding it is dropped
            return new Token(sb.toString(), line, true);
        }

        /** Skips from the end of the {@code macdef} line through the next empty line. */
        private void skipMacroBody() {
            while (pos < n && s.charAt(pos) != '\n') {
                pos++;
            }
            while (pos < n) {
                pos++; // past '\n'
                line++;
                if (pos >= n || s.charAt(pos) == '\n' || s.charAt(pos) == '\r') {
                    return; // an empty line ends the body; the main loop consumes it
                }
                while (pos < n && s.charAt(pos) != '\n') {
                    pos++;
                }
            }
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
        }
    }
}
