package dev.envoi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpDateTest {
    private static final Instant RFC_EXAMPLE = Instant.parse("1994-11-06T08:49:37Z");
    private static final Clock DEC_2026 = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    private static Optional<Instant> parse(String s) {
        return HttpDate.parse(s, DEC_2026);
    }

    // RFC 9110 §5.6.7: the three sample dates denote the same instant.
    @ParameterizedTest
    @ValueSource(strings = {
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
    })
    void rfc9110Examples(String value) {
        assertThat(parse(value)).contains(RFC_EXAMPLE);
        assertThat(HttpDate.parse(value)).contains(RFC_EXAMPLE); // system clock: 1994 for decades yet
    }

    @Test
    void formatsImfFixdate() {
        assertThat(HttpDate.format(RFC_EXAMPLE)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(HttpDate.format(Instant.EPOCH)).isEqualTo("Thu, 01 Jan 1970 00:00:00 GMT");
        assertThat(HttpDate.format(Instant.parse("2024-02-29T23:05:09.999999999Z")))
                .isEqualTo("Thu, 29 Feb 2024 23:05:09 GMT"); // fraction truncated, never rounded up
        assertThat(HttpDate.format(Instant.parse("1969-12-31T23:59:59.5Z")))
                .isEqualTo("Wed, 31 Dec 1969 23:59:59 GMT");
    }

    @Test
    void yearLimits() {
        assertThat(HttpDate.format(HttpDate.MIN)).isEqualTo("Sat, 01 Jan 0000 00:00:00 GMT");
        assertThat(HttpDate.format(HttpDate.MAX)).isEqualTo("Fri, 31 Dec 9999 23:59:59 GMT");
        assertThat(HttpDate.format(HttpDate.MAX.plusNanos(999_999_999))).isEqualTo("Fri, 31 Dec 9999 23:59:59 GMT");
        assertThat(parse("Sat, 01 Jan 0000 00:00:00 GMT")).contains(HttpDate.MIN);
        assertThat(parse("Fri, 31 Dec 9999 23:59:59 GMT")).contains(HttpDate.MAX);
        assertThat(parse("Fri Dec 31 23:59:59 9999")).contains(HttpDate.MAX);
        assertThat(parse("Fri, 31 Dec 9999 23:59:60 GMT")).contains(HttpDate.MAX);
        assertThatThrownBy(() -> HttpDate.format(HttpDate.MAX.plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RFC 9110 §5.6.7");
        assertThatThrownBy(() -> HttpDate.format(HttpDate.MIN.minusNanos(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpDate.format(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("instant");
    }

    @Test
    void roundTripsAcrossTheWholeRange() {
        SplittableRandom random = new SplittableRandom(20261201);
        long min = HttpDate.MIN.getEpochSecond();
        long max = HttpDate.MAX.getEpochSecond();
        for (int k = 0; k < 20_000; k++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(min, max + 1));
            String text = HttpDate.format(t);
            assertThat(text).hasSize(29);
            assertThat(parse(text)).as(text).contains(t);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Thu, 29 Feb 2024 12:00:00 GMT | 2024-02-29T12:00:00Z",
        "Tue, 29 Feb 2000 12:00:00 GMT | 2000-02-29T12:00:00Z",  // divisible by 400
        "Thu, 29 Feb 2024 12:00:00 GMT | 2024-02-29T12:00:00Z",
        "Sun, 30 Apr 2023 00:00:00 GMT | 2023-04-30T00:00:00Z",
        "Thu, 01 Jan 1970 00:00:00 GMT | 1970-01-01T00:00:00Z",
        "Wed, 31 Dec 1969 23:59:59 GMT | 1969-12-31T23:59:59Z",
        "Thu Feb 29 12:00:00 2024      | 2024-02-29T12:00:00Z",
        "Thu Jan  1 00:00:00 1970      | 1970-01-01T00:00:00Z",
        "Sun Nov 06 08:49:37 1994      | 1994-11-06T08:49:37Z",  // date3 allows 2DIGIT with a zero
        "Wed Nov 30 08:49:37 1994      | 1994-11-30T08:49:37Z",
        "Thursday, 29-Feb-24 12:00:00 GMT | 2024-02-29T12:00:00Z",
    })
    void validDates(String value, String expected) {
        assertThat(parse(value)).contains(Instant.parse(expected));
    }

    // Leap second: accepted only at 23:59:60 and read as 23:59:59 (documented decision).
    @Test
    void leapSecond() {
        Instant last = Instant.parse("2016-12-31T23:59:59Z");
        assertThat(parse("Sat, 31 Dec 2016 23:59:60 GMT")).contains(last);
        assertThat(parse("Saturday, 31-Dec-16 23:59:60 GMT")).contains(last);
        assertThat(parse("Sat Dec 31 23:59:60 2016")).contains(last);
        assertThat(parse("Sat, 31 Dec 2016 12:00:60 GMT")).isEmpty();
        assertThat(parse("Sat, 31 Dec 2016 23:58:60 GMT")).isEmpty();
        assertThat(parse("Sat, 31 Dec 2016 23:59:61 GMT")).isEmpty();
    }

    // Documented decision: a day name that contradicts the date is accepted (the date wins).
    @ParameterizedTest
    @ValueSource(strings = {
        "Mon, 06 Nov 1994 08:49:37 GMT",
        "Friday, 06-Nov-94 08:49:37 GMT",
        "Sat Nov  6 08:49:37 1994",
    })
    void wrongDayNameIsIgnored(String value) {
        assertThat(parse(value)).contains(RFC_EXAMPLE);
    }

    @Test
    void surroundingWhitespaceIsNotPartOfTheValue() {
        assertThat(parse(" \tSun, 06 Nov 1994 08:49:37 GMT \t")).contains(RFC_EXAMPLE);
        assertThat(parse("  Sun Nov  6 08:49:37 1994 ")).contains(RFC_EXAMPLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "Sun", "Sun,", "GMT", "784111777",
        // names are case-sensitive (RFC 9110 §5.6.7)
        "sun, 06 Nov 1994 08:49:37 GMT", "SUN, 06 Nov 1994 08:49:37 GMT", "Sun, 06 nov 1994 08:49:37 GMT",
        "Sun, 06 NOV 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 gmt", "sunday, 06-Nov-94 08:49:37 GMT",
        "Sun nov  6 08:49:37 1994", "Sun, 06 Nob 1994 08:49:37 GMT", "Sue, 06 Nov 1994 08:49:37 GMT",
        // IMF-fixdate shape
        "Sun, 6 Nov 1994 08:49:37 GMT", "Sun,  06 Nov 1994 08:49:37 GMT", "Sun,06 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 94 08:49:37 GMT", "Sun, 06 Nov 01994 08:49:37 GMT", "Sun, 06 Nov 1994 8:49:37 GMT",
        "Sun, 06 Nov 1994 08:49 GMT", "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 06 Nov 1994 08:49:37 GMT+1", "Sun, 06 Nov 1994 08:49:37  GMT", "Sun, 06 Nov 1994 08:49:37 +0000",
        "Sun, 06-Nov-1994 08:49:37 GMT", "Sun, 06 Nov 1994 08.49.37 GMT", "Sunday, 06 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994T08:49:37 GMT", "Sun, 0x Nov 1994 08:49:37 GMT", "Sun, +6 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 199A 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMT\r\n", "Sun, 06 Nov 1994 08:49:37 GMTX",
        "Sun, \u0660\u0666 Nov 1994 08:49:37 GMT", "Sun, 06\tNov 1994 08:49:37 GMT",
        // ranges
        "Sun, 00 Nov 1994 08:49:37 GMT", "Sun, 31 Nov 1994 08:49:37 GMT", "Sun, 32 Jan 1994 08:49:37 GMT",
        "Sun, 29 Feb 2023 08:49:37 GMT", "Sun, 29 Feb 1900 08:49:37 GMT", "Sun, 30 Feb 2024 08:49:37 GMT",
        "Sun, 31 Apr 2024 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:60:00 GMT",
        "Sun, 06 Nov 1994 99:99:99 GMT",
        // rfc850-date shape
        "Sun, 06-Nov-94 08:49:37 GMT", "Sunday, 06-Nov-1994 08:49:37 GMT", "Sunday, 6-Nov-94 08:49:37 GMT",
        "Sunday,06-Nov-94 08:49:37 GMT", "Sunday, 06 Nov 94 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37",
        "Sunday, 06-Nov-94 08:49:37 UTC", "Sundays, 06-Nov-94 08:49:37 GMT", "Sund, 06-Nov-94 08:49:37 GMT",
        "Sunday, 31-Nov-94 08:49:37 GMT", "Sunday, 06-Nov-9x 08:49:37 GMT", "Wednesdays, 06-Nov-94 08:49:37 GMT",
        // asctime-date shape
        "Sun Nov 6 08:49:37 1994", "Sun Nov   6 08:49:37 1994", "Sun Nov  6 08:49:37 94",
        "Sun Nov  6 08:49:37 1994 GMT", "Sun, Nov  6 08:49:37 1994", "Sun Nov  0 08:49:37 1994",
        "Sun Nov 31 08:49:37 1994", "Sun Nov  6 08:49:37  1994", "Sunday Nov  6 08:49:37 1994",
        "Sun Nov  x 08:49:37 1994", "Sun Nov 6  08:49:37 1994",
    })
    void invalidDatesAreEmptyNotExceptions(String value) {
        assertThat(parse(value)).as(value).isEmpty();
    }

    // RFC 9110 §5.6.7: a two-digit year more than 50 years ahead is the most recent past such year.
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Sunday, 06-Nov-94 08:49:37 GMT | 1994-11-06T08:49:37Z",
        "Monday, 01-Jan-00 00:00:00 GMT | 2000-01-01T00:00:00Z",
        "Tuesday, 29-Feb-00 00:00:00 GMT | 2000-02-29T00:00:00Z",
        "Tuesday, 01-Dec-26 00:00:00 GMT | 2026-12-01T00:00:00Z",
        "Monday, 30-Nov-76 23:59:59 GMT | 2076-11-30T23:59:59Z",
        "Tuesday, 01-Dec-76 00:00:00 GMT | 2076-12-01T00:00:00Z",  // exactly 50 years ahead: not more
        "Wednesday, 01-Dec-76 00:00:01 GMT | 1976-12-01T00:00:01Z", // one second more than 50 years
        "Thursday, 02-Dec-76 00:00:00 GMT | 1976-12-02T00:00:00Z",
        "Saturday, 01-Jan-77 00:00:00 GMT | 1977-01-01T00:00:00Z",
        "Friday, 31-Dec-99 23:59:59 GMT | 1999-12-31T23:59:59Z",
        "Wednesday, 01-Jan-70 00:00:00 GMT | 2070-01-01T00:00:00Z", // only 44 years ahead: 2070, not 1970
    })
    void twoDigitYearsInDecember2026(String value, String expected) {
        assertThat(parse(value)).contains(Instant.parse(expected));
    }

    @Test
    void twoDigitYearWindowSlidesWithTheClock() {
        Clock june2099 = Clock.fixed(Instant.parse("2099-06-01T12:00:00Z"), ZoneId.of("Asia/Tokyo"));
        assertThat(HttpDate.parse("Saturday, 01-Jan-01 00:00:00 GMT", june2099))
                .contains(Instant.parse("2101-01-01T00:00:00Z"));
        assertThat(HttpDate.parse("Friday, 01-Jan-49 00:00:00 GMT", june2099))
                .contains(Instant.parse("2149-01-01T00:00:00Z"));
        assertThat(HttpDate.parse("Friday, 01-Jun-49 12:00:00 GMT", june2099))
                .contains(Instant.parse("2149-06-01T12:00:00Z"));
        assertThat(HttpDate.parse("Friday, 01-Jun-49 12:00:01 GMT", june2099))
                .contains(Instant.parse("2049-06-01T12:00:01Z"));
        assertThat(HttpDate.parse("Friday, 01-Jan-50 00:00:00 GMT", june2099))
                .contains(Instant.parse("2050-01-01T00:00:00Z"));
        assertThat(HttpDate.parse("Friday, 01-Jan-99 00:00:00 GMT", june2099))
                .contains(Instant.parse("2099-01-01T00:00:00Z"));
    }

    // The rule picks the year first; 29 Feb is then checked in that year's calendar.
    @Test
    void twoDigitLeapDayIsValidatedInTheChosenYear() {
        Clock y2060 = Clock.fixed(Instant.parse("2060-01-01T00:00:00Z"), ZoneOffset.UTC);
        assertThat(HttpDate.parse("Monday, 29-Feb-00 00:00:00 GMT", y2060)).isEmpty(); // 2100 is no leap year
        assertThat(HttpDate.parse("Monday, 28-Feb-00 00:00:00 GMT", y2060))
                .contains(Instant.parse("2100-02-28T00:00:00Z"));
        assertThat(parse("Tuesday, 29-Feb-00 00:00:00 GMT")).contains(Instant.parse("2000-02-29T00:00:00Z"));
    }

    @Test
    void twoDigitYearNearYearZeroCannotGoNegative() {
        Clock year10 = Clock.fixed(Instant.parse("0010-06-01T00:00:00Z"), ZoneOffset.UTC);
        assertThat(HttpDate.parse("Monday, 01-Jan-99 00:00:00 GMT", year10)).isEmpty(); // would be year -1
        assertThat(HttpDate.parse("Monday, 01-Jan-20 00:00:00 GMT", year10))
                .contains(Instant.parse("0020-01-01T00:00:00Z"));
    }

    @Test
    void nullArguments() {
        assertThatThrownBy(() -> HttpDate.parse(null)).isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThatThrownBy(() -> HttpDate.parse("x", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("clock");
    }
}
