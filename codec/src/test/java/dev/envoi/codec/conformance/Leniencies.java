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
                default -> {
                    // no envoi counterpart: run strict
                }
            }
        }
        return b.build();
    }
}
