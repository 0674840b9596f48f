package dev.envoi.client.internal.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6265 §5.1.1, the cookie-date algorithm. */
class CookieDateTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // the three HTTP-date forms
        "Sun, 06 Nov 1994 08:49:37 GMT       | 1994-11-06T08:49:37Z",
        "Sunday, 06-Nov-94 08:49:37 GMT      | 1994-11-06T08:49:37Z",
        "Sun Nov  6 08:49:37 1994            | 1994-11-06T08:49:37Z",
        // what servers really send: any order, any delimiters, any case, trailing junk in tokens
        "Wed, 09 Jun 2021 10:18:14 GMT       | 2021-06-09T10:18:14Z",
        "09 jun 2021 10:18:14                | 2021-06-09T10:18:14Z",
        "10:18:14 2021 JUNE 9                | 2021-06-09T10:18:14Z",
        "Thu, 01-Jan-1970 00:00:01 GMT       | 1970-01-01T00:00:01Z",
        "Fri, 07 Aug 2019 08:04:19 GMT       | 2019-08-07T08:04:19Z",
        "1 Jan 2000 1:2:3                    | 2000-01-01T01:02:03Z",
        "Jan 1 2000 23:59:59xyz              | 2000-01-01T23:59:59Z",
        "2000-Jan-01 00:00:00                | 2000-01-01T00:00:00Z",
        "Mon, 31-Dec-2035 23:59:59 UTC+05:00 | 2035-12-31T23:59:59Z",
        "29 Feb 2024 12:00:00                | 2024-02-29T12:00:00Z",
        "01 Jan 1601 00:00:00                | 1601-01-01T00:00:00Z",
        // two-digit years: 70-99 -> 19xx, 00-69 -> 20xx (steps 3 and 4)
        "01 Jan 70 00:00:00                  | 1970-01-01T00:00:00Z",
        "01 Jan 99 00:00:00                  | 1999-01-01T00:00:00Z",
        "01 Jan 00 00:00:00                  | 2000-01-01T00:00:00Z",
        "01 Jan 69 00:00:00                  | 2069-01-01T00:00:00Z",
        // the first matching token of each kind wins: "02" is no day any more, so it is the year
        "01 02 Jan 2000 00:00:00             | 2002-01-01T00:00:00Z",
    })
    void parses(String text, String expected) {
        assertThat(CookieDate.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "garbage",
        "Sun, 06 Nov 1994",                 // no time
        "06 Nov 08:49:37",                  // no year
        "Nov 1994 08:49:37",                // no day: 1994 has more than two digits
        "06 1994 08:49:37",                 // no month
        "32 Jan 2000 00:00:00",             // day > 31 (step 5)
        "00 Jan 2000 00:00:00",             // day < 1
        "30 Feb 2000 00:00:00",             // no such date
        "29 Feb 2023 00:00:00",             // not a leap year
        "01 Jan 1600 00:00:00",             // year < 1601
        "01 Jan 2000 24:00:00",             // hour > 23
        "01 Jan 2000 23:60:00",             // minute > 59
        "01 Jan 2000 23:59:60",             // second > 59 (cookie dates have no leap second)
        "01 Jan 2000 123:00:00",            // time-field is 1*2DIGIT
        "01 Jan 2000 00:00:000",            // ... followed by a non-digit
        "001 Jan 2000 00:00:00",            // day-of-month is 1*2DIGIT, so no day (001 becomes the year)
        "01 Jan 20000 00:00:00",            // year is 2*4DIGIT
        "01 Ja 2000 00:00:00",              // month needs three letters
    })
    void refuses(String text) {
        assertThat(CookieDate.parse(text)).isNull();
    }

    @Test
    void delimitersAreExactlyTheRfcSet() {
        // '-' (0x2D) and '/' (0x2F) are delimiters; ':' (0x3A) is not, so "08:49:37" stays one token.
        assertThat(CookieDate.parse("06/Nov/1994:08:49:37")).isNull();  // "1994:08:49:37" is not a time
        assertThat(CookieDate.parse("06/Nov/1994 08:49:37")).isEqualTo(Instant.parse("1994-11-06T08:49:37Z"));
        // Non-ASCII characters are non-delimiters, like %x7F-FF: "1994é" is still a year token.
        assertThat(CookieDate.parse("06 Nov 1994é 08:49:37")).isEqualTo(Instant.parse("1994-11-06T08:49:37Z"));
        assertThat(CookieDate.parse("06 Nov\t1994;08:49:37")).isEqualTo(Instant.parse("1994-11-06T08:49:37Z"));
    }
}
