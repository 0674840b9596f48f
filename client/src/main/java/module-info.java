/**
 * The API people call: the client, requests, responses, cookies, redirects, authentication and
 * content decoding, joining {@code dev.envoi.codec} and {@code dev.envoi.transport}.
 */
module dev.envoi.client {
    requires transitive dev.envoi.core;
    requires transitive dev.envoi.codec;
    requires transitive dev.envoi.transport;
    exports dev.envoi.client;
}
