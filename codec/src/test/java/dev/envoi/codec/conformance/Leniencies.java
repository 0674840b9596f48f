package dev.envoi.codec.conformance;

import dev.envoi.codec.Leniency;
import dev.envoi.codec.ParserConfig;

/**
 * Maps a case's llhttp leniency flags to envoi's {@link Leniency} values. A flag with no envoi
 * counterpart is not mapped: the case then runs strict, and if llhttp's lenient answer differs from
 * envoi's strict one, the case is a deliberate deviation in CONFORMANCE.md.
 */
final class Leniencies {
    private Leniencies() {
    }

    static ParserConfig configFor(ConformanceCase c) {
        ParserConfig.Builder b = ParserConfig.DEFAULT.newBuilder();
        for (String flag : c.lenient()) {
            switch (flag) {
                // llhttp: "optional CR before LF" lets a bare LF end a line (RFC 9112 §2.2 MAY).
                case "optional_cr_before_lf" -> b.allow(Leniency.BARE_LF);
                // llhttp: lenient headers; of what it tolerates, envoi has a named leniency for obs-fold in a
                // request (RFC 9112 §5.2) and for whitespace before the colon in a response (§5.1).
                case "headers" -> b.allow(Leniency.OBS_FOLD_IN_REQUEST).allow(Leniency.WHITESPACE_BEFORE_COLON_IN_RESPONSE);
                default -> {
                    // no envoi counterpart: run strict
                }
            }
        }
        return b.build();
    }
}
