package dev.envoi.benchmarks;

import java.nio.ByteBuffer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.Version;

/**
 * Netty 4.1's {@link HttpResponseDecoder} and {@link HttpRequestDecoder}, each with its default limits in
 * an {@link EmbeddedChannel} (Netty's documented way to drive a handler without a socket). Every object
 * the decoder emits is released; content slices share the input buffer's reference count, so a leak
 * shows as the input's count not returning to 1, which the adapter checks after every message.
 *
 * <p>The input is one {@link ByteBuf} wrapping the benchmark's buffer, retained and re-indexed per
 * message, standing in for the pooled read buffer a Netty connection reuses: no copy, no per-message
 * wrapper. Netty signals a bad message with a failed {@code DecoderResult} instead of an exception.
 */
final class NettyAdapter implements ParserAdapter {

    private final EmbeddedChannel responses = new EmbeddedChannel(new HttpResponseDecoder());
    private final EmbeddedChannel requests = new EmbeddedChannel(new HttpRequestDecoder());
    private final Facts facts = new Facts();
    private ByteBuffer viewed;
    private ByteBuf view;

    @Override
    public String library() {
        Version version = Version.identify().get("netty-codec-http");
        return "Netty " + (version == null ? "?" : version.artifactVersion());
    }

    @Override
    public MessageFacts parseResponse(ByteBuffer message) {
        decode(responses, message);
        return MessageFacts.response(facts.status, facts.fields, facts.bodyBytes, facts.trailers,
                facts.firstTrailerName);
    }

    @Override
    public MessageFacts parseRequest(ByteBuffer message) {
        decode(requests, message);
        return MessageFacts.request(facts.method, facts.fields, facts.bodyBytes, facts.trailers,
                facts.firstTrailerName);
    }

    private void decode(EmbeddedChannel channel, ByteBuffer message) {
        ByteBuf input = viewOf(message);
        input.retain().setIndex(message.position(), message.limit());
        facts.begin();
        channel.writeInbound(input);
        Object decoded;
        while ((decoded = channel.readInbound()) != null) {
            try {
                facts.add(decoded);
            } finally {
                ReferenceCountUtil.release(decoded);
            }
        }
        if (facts.failure != null) {
            throw new IllegalStateException("Netty rejected the message", facts.failure);
        }
        if (!facts.complete || input.isReadable() || input.refCnt() != 1) {
            throw new IllegalStateException("Netty did not finish the message: complete=" + facts.complete
                    + ", unread=" + input.readableBytes() + ", input refCnt=" + input.refCnt());
        }
        message.position(message.limit());
    }

    /** A ByteBuf over the whole of {@code message}'s memory, made once per distinct buffer. */
    private ByteBuf viewOf(ByteBuffer message) {
        if (message != viewed) {
            if (view != null) {
                view.release();
            }
            view = Unpooled.wrappedBuffer(message.duplicate().clear());
            viewed = message;
        }
        return view;
    }

    /** Accumulates the facts of one message from the decoder's output objects. */
    private static final class Facts {
        int status;
        String method;
        int fields;
        long bodyBytes;
        int trailers;
        String firstTrailerName;
        boolean complete;
        Throwable failure;

        void begin() {
            status = 0;
            method = null;
            fields = 0;
            bodyBytes = 0;
            trailers = 0;
            firstTrailerName = null;
            complete = false;
            failure = null;
        }

        void add(Object decoded) {
            if (decoded instanceof DecoderResultProvider provider && provider.decoderResult().isFailure()) {
                failure = provider.decoderResult().cause();
                return;
            }
            if (decoded instanceof HttpMessage head) {
                fields = head.headers().size();
                if (head instanceof HttpResponse response) {
                    status = response.status().code();
                } else if (head instanceof HttpRequest request) {
                    method = request.method().name();
                }
            }
            if (decoded instanceof HttpContent content) {
                bodyBytes += content.content().readableBytes();
            }
            if (decoded instanceof LastHttpContent last) {
                HttpHeaders trailing = last.trailingHeaders();
                trailers = trailing.size();
                if (trailers > 0) {
                    firstTrailerName = trailing.iteratorCharSequence().next().getKey().toString();
                }
                complete = true;
            }
        }
    }
}
