package dev.envoi.client.internal.cookie;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The cookie-date algorithm of RFC 6265 §5.1.1, which reads the {@code Expires} attribute.
 *
 * <p>It is deliberately not {@link dev.envoi.core.HttpDate}: servers send every date format ever
 * invented in {@code Expires}, so §5.1.1 splits the text into tokens at delimiters and takes the
 * first token that looks like a time, a day of month, a month and a year, in any order:
 *
 * <pre>
 * cookie-date     = *delimiter date-token-list *delimiter
 * delimiter       = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E
 * non-delimiter   = %x00-08 / %x0A-1F / DIGIT / ":" / ALPHA / %x7F-FF
 * time            = hms-time ( non-digit *OCTET )     hms-time = 1*2DIGIT ":" 1*2DIGIT ":" 1*2DIGIT
 * day-of-month    = 1*2DIGIT ( non-digit *OCTET )
 * month           = ( "jan" / "feb" / ... / "dec" ) *OCTET      ; case-insensitive
 * year            = 2*4DIGIT ( non-digit *OCTET )
 * </pre>
 *
 * Two-digit years 70–99 become 19xx and 0–69 become 20xx (step 3 and 4). A date that lacks a part,
 * has a day outside 1–31 or outside its month, a year before 1601, or a time past 23:59:59 is
 * refused (step 5 and 6): the caller then ignores the attribute. Characters above U+00FF (from a
 * header decoded as UTF-8) count as non-delimiters, like %x7F-FF.
 */
public final class CookieDate {
    private static final boolean[] DELIMITER = new boolean[128];
    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    static {
        DELIMITER[0x09] = true;
        for (int c = 0x20; c <= 0x2F; c++) {
            DELIMITER[c] = true;
        }
        for (int c = 0x3B; c <= 0x40; c++) {
            DELIMITER[c] = true;
        }
        for (int c = 0x5B; c <= 0x60; c++) {
            DELIMITER[c] = true;
        }
        for (int c = 0x7B; c <= 0x7E; c++) {
            DELIMITER[c] = true;
        }
    }

    private CookieDate() {
    }

    /** The instant {@code text} names, or {@code null} if §5.1.1 fails to parse it. */
    public static Instant parse(CharSequence text) {
        int hour = -1;
        int minute = -1;
        int second = -1;
        int day = -1;
        int month = -1;
        int year = -1;
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && isDelimiter(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isDelimiter(text.charAt(i))) {
                i++;
            }
            if (start == i) {
                break;
            }
            if (hour < 0) {
                int hms = parseTime(text, start, i);
                if (hms >= 0) {
                    hour = hms / 10_000;
                    minute = hms / 100 % 100;
                    second = hms % 100;
                    continue;
                }
            }
            if (day < 0) {
                day = leadingDigits(text, start, i, 1, 2);
                if (day >= 0) {
                    continue;
                }
            }
            if (month < 0) {
                month = parseMonth(text, start, i);
                if (month >= 0) {
                    continue;
                }
            }
            if (year < 0) {
                year = leadingDigits(text, start, i, 2, 4);
            }
        }
        return toInstant(year, month, day, hour, minute, second);
    }

    private static Instant toInstant(int year, int month, int day, int hour, int minute, int second) {
        if (year >= 70 && year <= 99) {
            year += 1900;
        } else if (year >= 0 && year <= 69) {
            year += 2000;
        }
        if (year < 1601 || month < 0 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute > 59
                || second > 59) {
            return null;
        }
        LocalDate first = LocalDate.of(year, month + 1, 1);
        if (day > first.lengthOfMonth()) {
            return null;  // step 6: "if the date does not exist"
        }
        long epochDay = first.toEpochDay() + day - 1;
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3600L + minute * 60L + second);
    }

    private static boolean isDelimiter(char c) {
        return c < 128 && DELIMITER[c];
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * {@code min*maxDIGIT ( non-digit *OCTET )}: the value of the leading digits, or -1 if there are
     * fewer than {@code min} or more than {@code max} of them.
     */
    private static int leadingDigits(CharSequence s, int from, int to, int min, int max) {
        int value = 0;
        int i = from;
        while (i < to && isDigit(s.charAt(i))) {
            if (i - from == max) {
                return -1;
            }
            value = value * 10 + (s.charAt(i) - '0');
            i++;
        }
        return i - from < min ? -1 : value;
    }

    /** {@code hms-time ( non-digit *OCTET )} packed as {@code hhmmss} (ranges unchecked), or -1. */
    private static int parseTime(CharSequence s, int from, int to) {
        int total = 0;
        int i = from;
        for (int field = 0; field < 3; field++) {
            int start = i;
            int value = 0;
            while (i < to && isDigit(s.charAt(i)) && i - start < 2) {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start) {
                return -1;
            }
            if (field < 2) {
                if (i >= to || s.charAt(i) != ':') {
                    return -1;
                }
                i++;
            } else if (i < to && isDigit(s.charAt(i))) {
                return -1;  // a third digit: not 1*2DIGIT followed by a non-digit
            }
            total = total * 100 + value;
        }
        return total;
    }

    private static int parseMonth(CharSequence s, int from, int to) {
        if (to - from < 3) {
            return -1;
        }
        for (int m = 0; m < 12; m++) {
            boolean match = true;
            for (int k = 0; k < 3 && match; k++) {
                match = Character.toLowerCase(s.charAt(from + k)) == MONTHS.charAt(3 * m + k)
                        && s.charAt(from + k) < 128;
            }
            if (match) {
                return m;
            }
        }
        return -1;
    }
}
