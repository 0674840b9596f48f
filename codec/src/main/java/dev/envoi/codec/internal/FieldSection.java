package dev.envoi.codec.internal;

import dev.envoi.core.FieldSyntax;
import dev.envoi.core.Headers;
import dev.envoi.core.internal.access.HeadersAccess;
import dev.envoi.core.LimitExceededException;
import dev.envoi.core.MalformedMessageException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The field lines of a header or trailer section (RFC 9112 §5, §7.1.2), kept as offsets into the
 * {@link LineBuffer} that holds their bytes. Names and values become {@code String}s only when asked.
 *
 * <pre>
 * field-line   = field-name ":" OWS field-value OWS      ; RFC 9112 §5
 * obs-fold     = OWS CRLF RWS                            ; RFC 9112 §5.2
 * </pre>
 *
 * An obs-fold is replaced in place by SP bytes (RFC 9112 §5.2 permits "one or more SP"), so an
 * unfolded value is still one contiguous range of the buffer.
 */
public final class FieldSection {
    private final LineBuffer lines;
    private final int maxCount;
    private final String countLimitName;
    private final boolean unfold;
    private final boolean whitespaceBeforeColon;
    private final boolean afterStartLine;
    private final String position;
    private static final int LINE_START = 0;
    private static final int NAME = 1;
    private static final int BEFORE_COLON = 2;
    private static final int VALUE = 3;
    private static final int FOLD = 4;

    /** Where the check of the current line stands: a part of the line, and the next byte to check. */
    private int phase;
    private int scanned;
    private int nameEnd;
    private int colon;
    /** Per field: name start, name end, value start, value end. */
    private int[] offsets = new int[64];
    private int[] ids = new int[16];
    private int count;
    private long base;

    /**
     * @param unfold whether an obs-fold is replaced by SP (else refused)
     * @param whitespaceBeforeColon whether whitespace between name and colon is removed (else refused)
     * @param afterStartLine whether this is a header section (a start line precedes it) rather than trailers
     */
    public FieldSection(LineBuffer lines, int maxCount, String countLimitName, boolean unfold,
            boolean whitespaceBeforeColon, boolean afterStartLine) {
        this.lines = lines;
        this.maxCount = maxCount;
        this.countLimitName = countLimitName;
        this.unfold = unfold;
        this.whitespaceBeforeColon = whitespaceBeforeColon;
        this.afterStartLine = afterStartLine;
        this.position = afterStartLine ? "FIELD_LINE" : "TRAILER_FIELD_LINE";
    }

    /** Forgets all fields; {@code base} is the message offset of buffer index 0, for diagnostics. */
    public void clear(long base) {
        count = 0;
        phase = LINE_START;
        this.base = base;
    }

    public int count() {
        return count;
    }

    /** The known-name id of field {@code i} ({@link KnownFields}), or {@link KnownFields#UNKNOWN}. */
    public int id(int i) {
        return ids[i];
    }

    public int valueStart(int i) {
        return offsets[4 * i + 2];
    }

    public int valueEnd(int i) {
        return offsets[4 * i + 3];
    }

    /** The name of field {@code i} in its received case (interned when well known). */
    public String name(int i) {
        return KnownFields.name(ids[i], lines.bytes(), offsets[4 * i], offsets[4 * i + 1]);
    }

    /** The value of field {@code i}, without surrounding whitespace, obs-folds replaced by SP. */
    public String value(int i) {
        int start = offsets[4 * i + 2];
        return new String(lines.bytes(), start, offsets[4 * i + 3] - start, StandardCharsets.ISO_8859_1);
    }

    /** Every field as an immutable {@link Headers}. */
    public Headers toHeaders() {
        if (count == 0) {
            return Headers.EMPTY;
        }
        // Every name was checked as a token and every value as field-value while parsing (RFC 9110
        // §5.1, §5.5), so Headers is built without checking each character again. Only the edges are
        // looked at: a fold at the end of a value can leave whitespace there, which Headers never holds.
        String[] namesAndValues = new String[2 * count];
        for (int i = 0; i < count; i++) {
            namesAndValues[2 * i] = name(i);
            String value = value(i);
            namesAndValues[2 * i + 1] = hasEdgeWhitespace(value) ? FieldSyntax.requireFieldValue(value) : value;
        }
        return HeadersAccess.trusted(namesAndValues);
    }

    private static boolean hasEdgeWhitespace(String value) {
        int n = value.length();
        if (n == 0) {
            return false;
        }
        char first = value.charAt(0);
        char last = value.charAt(n - 1);
        return first == ' ' || first == '\t' || last == ' ' || last == '\t';
    }

    /**
     * Parses the line {@code [start, end)} (its CRLF excluded): a field line, or the continuation of
     * the previous one when it starts with SP or HTAB.
     */
    public void parseLine(int start, int end) throws MalformedMessageException, LimitExceededException {
        byte[] b = lines.bytes();
        scan(b, start, end, false);
        boolean folded = phase == FOLD;
        phase = LINE_START;
        if (folded) {
            fold(b, start, end);
            return;
        }
        int i = colon + 1;
        while (i < end && ByteClass.is(b[i], ByteClass.WS)) {
            i++;
        }
        add(start, nameEnd, i, trimEnd(b, i, end));
    }

    /**
     * Checks {@code [start, end)}, the bytes of a line received so far, by the same rules left to
     * right, throwing the error the complete line would throw at its first wrong byte. Resumes where
     * the previous check of the same line stopped, so a line that trickles in is scanned once.
     */
    public void checkPrefix(int start, int end) throws MalformedMessageException {
        scan(lines.bytes(), start, end, true);
    }

    /**
     * The field-line rules from where the last call stopped. With {@code partial}, {@code end} is
     * where the received bytes end: reaching it is never an error.
     */
    private void scan(byte[] b, int start, int end, boolean partial) throws MalformedMessageException {
        int i = phase == LINE_START ? start : scanned;
        if (phase == LINE_START) {
            if (i == end) {
                return; // only when partial: a complete empty line ends the section before this
            }
            if (ByteClass.is(b[start], ByteClass.WS)) {
                continuationAllowed(b, start);
                phase = FOLD;
            } else {
                phase = NAME;
            }
        }
        if (phase == NAME) {
            while (i < end && ByteClass.is(b[i], ByteClass.TCHAR)) {
                i++;
            }
            if (partial && i == end) {
                scanned = i;
                return;
            }
            nameEnd = i;
            if (nameEnd == start) {
                String reason = b[start] == ':' ? "expected field-name but was ':' (empty field name)"
                        : "expected field-name (a token) but was " + Diagnostics.describe(b[start]);
                throw error(reason, "RFC 9112 §5", start);
            }
            if (i < end && ByteClass.is(b[i], ByteClass.WS) && !whitespaceBeforeColon) {
                throw error("expected ':' but was " + Diagnostics.describe(b[i])
                        + ": no whitespace is allowed between the field name and colon", "RFC 9112 §5.1", i);
            }
            phase = BEFORE_COLON;
        }
        if (phase == BEFORE_COLON) {
            while (i < end && ByteClass.is(b[i], ByteClass.WS)) {
                i++;
            }
            if (partial && i == end) {
                scanned = i;
                return;
            }
            if (i >= end || b[i] != ':') {
                throw error("expected ':' after field-name but was " + Diagnostics.describeAt(b, i, end),
                        "RFC 9112 §5", i);
            }
            colon = i++;
            phase = VALUE;
        }
        // VALUE or FOLD: field-value = *( field-vchar / SP / HTAB ) (RFC 9110 §5.5); OWS is SP / HTAB too
        int bad = Swar.indexOfNonFieldContent(b, i, end);
        if (bad >= 0) {
            throw badValueByte(b, bad);
        }
        scanned = end;
    }

    /** A line starting with SP or HTAB: an obs-fold (RFC 9112 §5.2), if one may be here. */
    private void continuationAllowed(byte[] b, int start) throws MalformedMessageException {
        if (count == 0) {
            throw afterStartLine
                    ? error("expected field-name but was " + Diagnostics.describe(b[start])
                            + ": whitespace between the start-line and the first field", "RFC 9112 §2.2", start)
                    : error("expected field-name but was " + Diagnostics.describe(b[start]), "RFC 9112 §7.1.2", start);
        }
        if (!unfold) {
            throw error("obs-fold (a line starting with " + Diagnostics.describe(b[start])
                    + ") is not allowed in a request", "RFC 9112 §5.2", start);
        }
    }

    /** An obs-fold, already checked: the line continues the previous field's value (RFC 9112 §5.2). */
    private void fold(byte[] b, int start, int end) {
        int from = start;
        while (from < end && ByteClass.is(b[from], ByteClass.WS)) {
            from++;
        }
        int to = trimEnd(b, from, end);
        if (from == to) {
            return; // a continuation of only whitespace adds nothing to the value
        }
        int last = 4 * (count - 1);
        if (offsets[last + 2] == offsets[last + 3]) {
            offsets[last + 2] = from;
        } else {
            Arrays.fill(b, offsets[last + 3], from, (byte) ' ');
        }
        offsets[last + 3] = to;
    }

    private void add(int nameStart, int nameEnd, int valueStart, int valueEnd) throws LimitExceededException {
        if (count == maxCount) {
            throw new LimitExceededException(countLimitName, maxCount, base + nameStart,
                    afterStartLine ? "header field count" : "trailer field count");
        }
        if (4 * count + 4 > offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
            ids = Arrays.copyOf(ids, ids.length * 2);
        }
        int k = 4 * count;
        offsets[k] = nameStart;
        offsets[k + 1] = nameEnd;
        offsets[k + 2] = valueStart;
        offsets[k + 3] = valueEnd;
        ids[count] = KnownFields.lookup(lines.bytes(), nameStart, nameEnd);
        count++;
    }

    private static int trimEnd(byte[] b, int from, int end) {
        while (end > from && ByteClass.is(b[end - 1], ByteClass.WS)) {
            end--;
        }
        return end;
    }

    private MalformedMessageException badValueByte(byte[] b, int i) {
        return switch (b[i]) {
            case '\r' -> error("bare CR in field value: a CR must be followed by LF", "RFC 9112 §2.2", i);
            case 0 -> error("NUL (0x00) is not allowed in a field value", "RFC 9110 §5.5", i);
            default -> error("expected field-vchar, SP or HTAB in field value but was "
                    + Diagnostics.describe(b[i]), "RFC 9110 §5.5", i);
        };
    }

    private MalformedMessageException error(String reason, String section, int at) {
        return Diagnostics.malformed(reason, section, position, lines.bytes(), lines.length(), at, base);
    }
}
