package dev.envoi.core;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTP timestamps, RFC 9110 §5.6.7: {@code Date}, {@code Last-Modified}, {@code Expires},
 * {@code Retry-After}, {@code If-Modified-Since} and friends.
 *
 * <pre>
 * HTTP-date    = IMF-fixdate / obs-date
 * IMF-fixdate  = day-name "," SP date1 SP time-of-day SP GMT    ; Sun, 06 Nov 1994 08:49:37 GMT
 * rfc850-date  = day-name-l "," SP date2 SP time-of-day SP GMT  ; Sunday, 06-Nov-94 08:49:37 GMT
 * asctime-date = day-name SP date3 SP time-of-day SP year       ; Sun Nov  6 08:49:37 1994
 * date1 = day SP month SP year     date2 = day "-" month "-" 2DIGIT     date3 = month SP ( 2DIGIT / ( SP DIGIT ) )
 * time-of-day  = hour ":" minute ":" second                     ; 00:00:00 - 23:59:60 (leap second)
 * </pre>
 *
 * <p>{@link #format(Instant)} writes IMF-fixdate, the only form senders may generate.
 * {@link #parse(CharSequence)} reads all three forms, as recipients must. Both are written by
 * hand: no {@code DateTimeFormatter}, whose English names depend on a {@code Locale}.
 *
 * <p>Parsing is strict about the grammar and lenient about one redundancy:
 * <ul>
 *   <li>Day and month names must be spelled exactly as in the ABNF, which is case-sensitive
 *       ({@code %s"Sun"}): {@code sun} or {@code NOV} are refused. So is a zone other than
 *       {@code GMT}, a missing leading zero, or a single extra space.</li>
 *   <li>Every field is range-checked: the day against its month in that (proleptic Gregorian)
 *       year, so {@code 29 Feb} only in leap years; hour below 24; minute below 60.</li>
 *   <li>Second 60 is a leap second and is accepted only at {@code 23:59:60}, where leap seconds
 *       occur; {@link Instant} has no leap seconds, so it is read as {@code 23:59:59}. Reading it
 *       as the next day's {@code 00:00:00} would move the date; refusing it would turn a correct
 *       {@code Expires} into "already expired".</li>
 *   <li>A day name that does not match the date ({@code Mon, 06 Nov 1994}) is <em>accepted</em>:
 *       the name is redundant, the numeric date is what every recipient uses, and browsers ignore
 *       the name. Refusing would turn a usable {@code Last-Modified} into no validator at all and a
 *       usable {@code Expires} into "already expired" over a typo in a field nobody reads. The
 *       name must still be one of the seven names (grammar).</li>
 *   <li>Whitespace before and after the value is ignored, as it is not part of a field value
 *       (RFC 9110 §5.5).</li>
 * </ul>
 *
 * <p>An invalid date is not an exception but {@link Optional#empty()}: invalid dates are common from
 * peers and each field says what to do with one (an invalid {@code Expires} means already expired,
 * RFC 9111 §5.3; an invalid {@code If-Modified-Since} is ignored, RFC 9110 §13.1.3).
 *
 * <p>Example: {@code HttpDate.parse("Sun, 06 Nov 1994 08:49:37 GMT")} gives
 * {@code Optional[1994-11-06T08:49:37Z]}; {@code HttpDate.format(Instant.EPOCH)} gives
 * {@code Thu, 01 Jan 1970 00:00:00 GMT}.
 */
public final class HttpDate {
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] DAYS_LONG = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday", "Sunday"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
        "Oct", "Nov", "Dec"};
    private static final int[] MONTH_DAYS = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    /** The earliest instant IMF-fixdate can carry: {@code 0000-01-01T00:00:00Z} (4DIGIT year). */
    public static final Instant MIN = Instant.ofEpochSecond(-62_167_219_200L);
    /** The latest instant IMF-fixdate can carry: {@code 9999-12-31T23:59:59Z}. */
    public static final Instant MAX = Instant.ofEpochSecond(253_402_300_799L);

    /** Marks an invalid value; no valid date maps to it, as it is far outside years 0000-9999. */
    private static final long INVALID = Long.MIN_VALUE;

    private HttpDate() {
    }

    /**
     * Formats {@code instant} as IMF-fixdate in GMT, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}.
     * Fractions of a second are dropped (truncated), as the format has none.
     *
     * @throws IllegalArgumentException if the instant is before {@link #MIN} or after {@link #MAX}
     *     (the format's year has exactly four digits)
     */
    public static String format(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        if (instant.isBefore(MIN) || instant.getEpochSecond() > MAX.getEpochSecond()) {
            throw new IllegalArgumentException("instant " + instant
                    + " is outside the years 0000-9999 that an HTTP-date can carry (RFC 9110 §5.6.7)");
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(29);
        sb.append(DAYS[t.getDayOfWeek().ordinal()]).append(", ");
        twoDigits(sb, t.getDayOfMonth()).append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ');
        int year = t.getYear();
        twoDigits(sb, year / 100);
        twoDigits(sb, year % 100).append(' ');
        twoDigits(sb, t.getHour()).append(':');
        twoDigits(sb, t.getMinute()).append(':');
        twoDigits(sb, t.getSecond()).append(" GMT");
        return sb.toString();
    }

    /**
     * Parses an HTTP-date in any of its three forms; the two-digit year of an RFC 850 date is read
     * relative to the system clock. See {@link #parse(CharSequence, Clock)}.
     */
    public static Optional<Instant> parse(CharSequence value) {
        return parse(value, Clock.systemUTC());
    }

    /**
     * Parses an HTTP-date in any of its three forms (see the class description for what is
     * refused). An RFC 850 date's two-digit year is the latest year ending in those digits that
     * does not put the timestamp more than 50 years after {@code clock}'s now (RFC 9110 §5.6.7):
     * on 2026-12-01T00:00:00Z, {@code 94} is 1994, {@code 70} is 2070, and {@code 01-Dec-76} is
     * 2076 up to midnight and 1976 after it. Years are placed first and validated after, so
     * {@code 29-Feb-00} read in 2060 is 2100 and invalid.
     *
     * @return the instant, or empty if {@code value} is not a valid HTTP-date
     */
    public static Optional<Instant> parse(CharSequence value, Clock clock) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(clock, "clock");
        int from = FieldValues.skipWhitespace(value, 0, value.length());
        int to = FieldValues.trimEnd(value, from, value.length());
        long seconds;
        if (to - from < 4) {
            return Optional.empty();
        } else if (value.charAt(from + 3) == ',') {
            seconds = imfFixdate(value, from, to);
        } else if (value.charAt(from + 3) == ' ') {
            seconds = asctime(value, from, to);
        } else {
            seconds = rfc850(value, from, to, clock);
        }
        return seconds == INVALID ? Optional.empty() : Optional.of(Instant.ofEpochSecond(seconds));
    }

    // Sun, 06 Nov 1994 08:49:37 GMT
    private static long imfFixdate(CharSequence s, int i, int to) {
        if (to - i != 29 || name(s, i, DAYS) < 0 || !literal(s, i + 3, ", ") || s.charAt(i + 7) != ' '
                || s.charAt(i + 11) != ' ' || s.charAt(i + 16) != ' ' || !literal(s, i + 25, " GMT")) {
            return INVALID;
        }
        int day = digits(s, i + 5, 2);
        int month = name(s, i + 8, MONTHS);
        int year = digits(s, i + 12, 4);
        return toEpochSeconds(year, month, day, timeOfDay(s, i + 17));
    }

    // Sunday, 06-Nov-94 08:49:37 GMT
    private static long rfc850(CharSequence s, int i, int to, Clock clock) {
        int comma = i;
        while (comma < to && comma - i < 10 && s.charAt(comma) != ',') {
            comma++;
        }
        if (comma == to || nameExact(s, i, comma, DAYS_LONG) < 0) {
            return INVALID;
        }
        int p = comma + 1; // " 06-Nov-94 08:49:37 GMT" is 23 characters
        if (to - p != 23 || s.charAt(p) != ' ' || s.charAt(p + 3) != '-' || s.charAt(p + 7) != '-'
                || s.charAt(p + 10) != ' ' || !literal(s, p + 19, " GMT")) {
            return INVALID;
        }
        int day = digits(s, p + 1, 2);
        int month = name(s, p + 4, MONTHS);
        int yy = digits(s, p + 8, 2);
        int time = timeOfDay(s, p + 11);
        if (yy < 0 || month < 0 || day < 0 || time < 0) {
            return INVALID;
        }
        return toEpochSeconds(yearFor(yy, month, day, time, clock), month, day, time);
    }

    /**
     * The latest year ending in {@code yy} that does not put the timestamp more than 50 years after
     * now (RFC 9110 §5.6.7). Compares the fields as a tuple, so a 29 February that exists in only
     * one candidate year is still placed by the rule first and validated after.
     */
    private static int yearFor(int yy, int month, int day, int secondOfDay, Clock clock) {
        LocalDateTime horizon = LocalDateTime.ofEpochSecond(clock.instant().getEpochSecond(), 0, ZoneOffset.UTC)
                .plusYears(50);
        int hMonth = horizon.getMonthValue() - 1;
        int hDay = horizon.getDayOfMonth();
        int hSecond = horizon.toLocalTime().toSecondOfDay();
        int year = horizon.getYear() - Math.floorMod(horizon.getYear(), 100) + yy;
        // year is now within the horizon's century: at most one step back is ever needed.
        if (year > horizon.getYear() || year == horizon.getYear() && (month > hMonth
                || month == hMonth && (day > hDay || day == hDay && secondOfDay > hSecond))) {
            year -= 100;
        }
        return year;
    }

    // Sun Nov  6 08:49:37 1994
    private static long asctime(CharSequence s, int i, int to) {
        if (to - i != 24 || name(s, i, DAYS) < 0 || s.charAt(i + 3) != ' ' || s.charAt(i + 7) != ' '
                || s.charAt(i + 10) != ' ' || s.charAt(i + 19) != ' ') {
            return INVALID;
        }
        int month = name(s, i + 4, MONTHS);
        int day = s.charAt(i + 8) == ' ' ? digits(s, i + 9, 1) : digits(s, i + 8, 2);
        int year = digits(s, i + 20, 4);
        return toEpochSeconds(year, month, day, timeOfDay(s, i + 11));
    }

    /**
     * The {@code hh:mm:ss} at {@code t} as seconds of the day, or -1 if malformed or out of range.
     * A leap second is allowed only at 23:59:60 and read as 23:59:59.
     */
    private static int timeOfDay(CharSequence s, int t) {
        if (s.charAt(t + 2) != ':' || s.charAt(t + 5) != ':') {
            return -1;
        }
        int hour = digits(s, t, 2);
        int minute = digits(s, t + 3, 2);
        int second = digits(s, t + 6, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
            return -1;
        }
        if (second == 60) {
            if (hour != 23 || minute != 59) {
                return -1;
            }
            second = 59;
        }
        return hour * 3600 + minute * 60 + second;
    }

    /** Validates the date (time already validated, -1 if not) and returns epoch seconds or INVALID. */
    private static long toEpochSeconds(int year, int month, int day, int secondOfDay) {
        if (year < 0 || year > 9999 || month < 0 || day < 1 || day > daysIn(month, year) || secondOfDay < 0) {
            return INVALID;
        }
        try {
            return LocalDate.of(year, month + 1, day).toEpochDay() * 86_400L + secondOfDay;
        } catch (DateTimeException impossible) {
            return INVALID; // ranges were checked above; kept so that no input can throw
        }
    }

    private static int daysIn(int month, int year) {
        if (month == 1 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) {
            return 29;
        }
        return MONTH_DAYS[month];
    }

    /** The index in {@code names} of the three-letter name at {@code i}, case-sensitive, or -1. */
    private static int name(CharSequence s, int i, String[] names) {
        for (int k = 0; k < names.length; k++) {
            String n = names[k];
            if (s.charAt(i) == n.charAt(0) && s.charAt(i + 1) == n.charAt(1) && s.charAt(i + 2) == n.charAt(2)) {
                return k;
            }
        }
        return -1;
    }

    /** The index in {@code names} of the name exactly filling {@code s[from, to)}, or -1. */
    private static int nameExact(CharSequence s, int from, int to, String[] names) {
        for (int k = 0; k < names.length; k++) {
            if (names[k].length() == to - from && literal(s, from, names[k])) {
                return k;
            }
        }
        return -1;
    }

    private static boolean literal(CharSequence s, int i, String expected) {
        for (int k = 0; k < expected.length(); k++) {
            if (s.charAt(i + k) != expected.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The value of exactly {@code count} ASCII digits at {@code i}, or -1. */
    private static int digits(CharSequence s, int i, int count) {
        int v = 0;
        for (int k = 0; k < count; k++) {
            char c = s.charAt(i + k);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static StringBuilder twoDigits(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
