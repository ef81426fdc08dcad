package kemal.internal.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates the compressed messages of a permessage-deflate connection (RFC 7692 §7.2.2), frame
 * by frame, stopping as soon as a message grows past the size limit: a few hundred compressed
 * bytes can inflate to gigabytes. Used on the event loop only.
 */
final class MessageInflater {
    /** The end of a sync flush, which senders strip from each message (RFC 7692 §7.2.1). */
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    /** The message grew past the limit. */
    static final class TooBigException extends Exception {
        TooBigException() {
            super(null, null, false, false);
        }
    }

    private final Inflater inflater = new Inflater(true);
    private final boolean noContextTakeover;
    private final byte[] chunk = new byte[8192];

    /** @param noContextTakeover the client agreed to compress each message on its own */
    MessageInflater(boolean noContextTakeover) {
        this.noContextTakeover = noContextTakeover;
    }

    /**
     * Inflates one frame of a compressed message and appends the result to {@code message}.
     *
     * @throws DataFormatException when the data is not a deflate stream
     * @throws TooBigException when {@code message} would exceed {@code limit} bytes
     */
    void inflate(ByteBuf frame, boolean last, CompositeByteBuf message, int limit)
            throws DataFormatException, TooBigException {
        feed(frame.nioBuffer(), message, limit);
        if (last) {
            if (!inflater.finished()) feed(ByteBuffer.wrap(TAIL), message, limit);
            // A sender that ended the deflate stream (BFINAL) starts a new one next message.
            if (noContextTakeover || inflater.finished()) inflater.reset();
        }
    }

    private void feed(ByteBuffer input, CompositeByteBuf message, int limit) throws DataFormatException, TooBigException {
        inflater.setInput(input);
        while (!inflater.finished()) {
            int n = inflater.inflate(chunk);
            if (n == 0) {
                if (inflater.needsDictionary()) throw new DataFormatException("a preset dictionary is not allowed");
                break; // needs more input: the next frame
            }
            if (message.readableBytes() + (long) n > limit) throw new TooBigException();
            message.addComponent(true, Unpooled.copiedBuffer(chunk, 0, n));
        }
    }

    void end() {
        inflater.end();
    }
}
