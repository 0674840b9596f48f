package dev.envoi.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An HTTP field section: an ordered list of name/value pairs whose names compare case-insensitively
 * (RFC 9110 §5.1) and keep the case they were given, as sent or received.
 *
 * <p>Order is kept because it carries meaning for repeated fields (RFC 9110 §5.3: a recipient may
 * combine same-named lines into one comma-separated value, in order), and because {@code Set-Cookie}
 * cannot be combined at all, so {@link #all(String)} returns every line separately.
 *
 * <p>Names are validated as {@code token} and values as {@code field-value} when added (RFC 9110
 * §5.5): CR, LF, NUL and other control characters are refused with an {@link InvalidSyntaxException}
 * before a byte can be sent. Leading and trailing whitespace is not part of a value and is removed.
 *
 * <pre>{@code
 * Headers h = Headers.builder()
 *         .add(HeaderName.ACCEPT, "application/json")
 *         .add("X-Trace", "1")
 *         .build();
 * h.get("accept");        // Optional[application/json]
 * h.newBuilder().set("X-Trace", "2").build();
 * }</pre>
 */
public final class Headers {
    /** The empty field section. */
    public static final Headers EMPTY = new Headers(new String[0], 0);

    static {
        // envoi's parsers build Headers from lines they validated already (see HeadersAccess)
        dev.envoi.core.internal.access.HeadersAccess.register(Headers::new);
    }

    /** Alternating names and values: {@code [n0, v0, n1, v1, ...]}. */
    private final String[] namesAndValues;
    private final int size;

    private Headers(String[] namesAndValues, int size) {
        this.namesAndValues = namesAndValues;
        this.size = size;
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder(8);
    }

    /**
     * A new, empty builder sized for {@code expectedFields} lines: when exactly that many are added,
     * {@link Builder#build()} hands its storage over instead of copying it (a parser knows the count).
     */
    public static Builder builder(int expectedFields) {
        if (expectedFields < 0) {
            throw new IllegalArgumentException("expectedFields must be >= 0, got " + expectedFields);
        }
        return new Builder(expectedFields);
    }

    /**
     * Field lines given as alternating names and values: {@code Headers.of("Accept", "*&#47;*", "X-A", "1")}.
     *
     * @throws IllegalArgumentException on an odd number of arguments, or an invalid name or value
     */
    public static Headers of(String... namesAndValues) {
        Objects.requireNonNull(namesAndValues, "namesAndValues");
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected name/value pairs, got " + namesAndValues.length + " strings");
        }
        Builder b = new Builder(namesAndValues.length / 2);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    /** The number of field lines. */
    public int size() {
        return size;
    }

    /** Whether there are no field lines. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** The name of line {@code index}, in the case it was given. */
    public String name(int index) {
        Objects.checkIndex(index, size);
        return namesAndValues[2 * index];
    }

    /** The value of line {@code index}. */
    public String value(int index) {
        Objects.checkIndex(index, size);
        return namesAndValues[2 * index + 1];
    }

    /** The value of the first line named {@code name} (case-insensitive), if any. */
    public Optional<String> get(String name) {
        Objects.requireNonNull(name, "name");
        for (int i = 0; i < size; i++) {
            if (namesAndValues[2 * i].equalsIgnoreCase(name)) {
                return Optional.of(namesAndValues[2 * i + 1]);
            }
        }
        return Optional.empty();
    }

    /** The values of every line named {@code name} (case-insensitive), in order; empty if none. */
    public List<String> all(String name) {
        Objects.requireNonNull(name, "name");
        List<String> values = null;
        for (int i = 0; i < size; i++) {
            if (namesAndValues[2 * i].equalsIgnoreCase(name)) {
                if (values == null) {
                    values = new ArrayList<>(2);
                }
                values.add(namesAndValues[2 * i + 1]);
            }
        }
        return values == null ? List.of() : Collections.unmodifiableList(values);
    }

    /**
     * The values of every line named {@code name} joined with {@code ", "}, the combined form of
     * RFC 9110 §5.3 — not meaningful for {@code Set-Cookie}.
     */
    public Optional<String> combined(String name) {
        List<String> values = all(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", values));
    }

    /** Whether some line is named {@code name} (case-insensitive). */
    public boolean contains(String name) {
        Objects.requireNonNull(name, "name");
        for (int i = 0; i < size; i++) {
            if (namesAndValues[2 * i].equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** The distinct names, in order of first appearance, in the case first seen. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
            String n = namesAndValues[2 * i];
            boolean seen = false;
            for (String s : names) {
                if (s.equalsIgnoreCase(n)) {
                    seen = true;
                    break;
                }
            }
            if (!seen) {
                names.add(n);
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /** Calls {@code action} with each line's name and value, in order. */
    public void forEach(BiConsumer<String, String> action) {
        Objects.requireNonNull(action, "action");
        for (int i = 0; i < size; i++) {
            action.accept(namesAndValues[2 * i], namesAndValues[2 * i + 1]);
        }
    }

    /** A builder holding these lines, to derive a changed copy. */
    public Builder newBuilder() {
        Builder b = new Builder(0);
        b.namesAndValues = namesAndValues; // shared until the builder's first change
        b.shared = true;
        b.size = size;
        return b;
    }

    /**
     * Equal when both hold the same lines in the same order, names compared case-insensitively and
     * values exactly.
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Headers other) || other.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (!namesAndValues[2 * i].equalsIgnoreCase(other.namesAndValues[2 * i])
                    || !namesAndValues[2 * i + 1].equals(other.namesAndValues[2 * i + 1])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < size; i++) {
            h = 31 * h + Ascii.lowerCaseHash(namesAndValues[2 * i]);
            h = 31 * h + namesAndValues[2 * i + 1].hashCode();
        }
        return h;
    }

    /** The lines as {@code Name: value}, one per line; for diagnostics. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size; i++) {
            sb.append(namesAndValues[2 * i]).append(": ").append(namesAndValues[2 * i + 1]).append('\n');
        }
        return sb.toString();
    }

    /**
     * Builds a {@link Headers}. Every name and value is validated as it is added; a builder is not
     * thread-safe, the {@code Headers} it builds are.
     */
    public static final class Builder {
        private String[] namesAndValues;
        private int size;
        /** The storage also belongs to a built {@code Headers}: copy it before the next change. */
        private boolean shared;

        private Builder(int expectedFields) {
            namesAndValues = new String[2 * expectedFields];
        }

        /** Appends a line, keeping any existing lines of the same name. */
        public Builder add(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            String checkedName = FieldSyntax.requireFieldName(name);
            String checkedValue = FieldSyntax.requireFieldValue(value);
            if (2 * size + 2 > namesAndValues.length) {
                namesAndValues = Arrays.copyOf(namesAndValues, Math.max(16, namesAndValues.length * 2));
                shared = false;
            } else {
                unshare();
            }
            namesAndValues[2 * size] = checkedName;
            namesAndValues[2 * size + 1] = checkedValue;
            size++;
            return this;
        }

        /** Appends every line of {@code headers}. */
        public Builder addAll(Headers headers) {
            Objects.requireNonNull(headers, "headers");
            for (int i = 0; i < headers.size; i++) {
                add(headers.namesAndValues[2 * i], headers.namesAndValues[2 * i + 1]);
            }
            return this;
        }

        /**
         * Replaces every line named {@code name} with one line: it takes the place of the first such
         * line, or is appended if there was none.
         */
        public Builder set(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            int first = indexOf(name);
            if (first < 0) {
                return add(name, value);
            }
            String checkedName = FieldSyntax.requireFieldName(name);
            String checkedValue = FieldSyntax.requireFieldValue(value);
            unshare();
            namesAndValues[2 * first] = checkedName;
            namesAndValues[2 * first + 1] = checkedValue;
            removeFrom(name, first + 1);
            return this;
        }

        /** Removes every line named {@code name} (case-insensitive). */
        public Builder remove(String name) {
            Objects.requireNonNull(name, "name");
            removeFrom(name, 0);
            return this;
        }

        /** Whether some line is named {@code name} (case-insensitive). */
        public boolean contains(String name) {
            return indexOf(Objects.requireNonNull(name, "name")) >= 0;
        }

        /** An immutable copy of the lines added so far. */
        public Headers build() {
            if (size == 0) {
                return EMPTY;
            }
            if (2 * size == namesAndValues.length) {
                shared = true;
                return new Headers(namesAndValues, size);
            }
            return new Headers(Arrays.copyOf(namesAndValues, 2 * size), size);
        }

        private void unshare() {
            if (shared) {
                namesAndValues = namesAndValues.clone();
                shared = false;
            }
        }

        private int indexOf(String name) {
            return indexOfFrom(name, 0);
        }

        private int indexOfFrom(String name, int start) {
            for (int i = start; i < size; i++) {
                if (namesAndValues[2 * i].equalsIgnoreCase(name)) {
                    return i;
                }
            }
            return -1;
        }

        private void removeFrom(String name, int start) {
            if (indexOfFrom(name, start) < 0) {
                return;
            }
            unshare();
            int kept = start;
            for (int i = start; i < size; i++) {
                if (!namesAndValues[2 * i].equalsIgnoreCase(name)) {
                    namesAndValues[2 * kept] = namesAndValues[2 * i];
                    namesAndValues[2 * kept + 1] = namesAndValues[2 * i + 1];
                    kept++;
                }
            }
            Arrays.fill(namesAndValues, 2 * kept, 2 * size, null);
            size = kept;
        }
    }
}
