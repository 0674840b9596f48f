package dev.envoi.client;

/**
 * A {@link JsonValue} accessor was asked for something the JSON does not hold: {@code asLong()} on
 * a string, {@code get("id")} on an object without that member, {@code get(3)} on a two-element
 * array, {@code asInt()} on {@code 1.5} or on a number out of {@code int} range.
 *
 * <p>The JSON itself was valid (invalid JSON is a {@link JsonParseException}); what failed is the
 * caller's expectation of its shape, so this is unchecked. The message names the path of the value
 * from the root, e.g. {@code expected a number at $.items[0].id but was a string}.
 */
public class JsonTypeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String path;

    /**
     * @param message what was expected and found, including the path
     * @param path the path of the value from the root, e.g. {@code $.items[0]}
     */
    public JsonTypeException(String message, String path) {
        super(message);
        this.path = path;
    }

    /** The path of the offending value from the root, e.g. {@code $.items[0].id}. */
    public String path() {
        return path;
    }
}
