package dev.falkor.orm.transport.lettuce.internal;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.CommandOutput;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A reply as the tree the shared decoder reads ({@code byte[]} strings, {@code Long},
 * {@code Double}, {@code List<Object>}, {@code null}), built while Lettuce parses it: the one
 * copy is the string bytes out of Netty's buffer, as with Jedis. Arrays are closed by their
 * element counts, so nesting does not depend on Lettuce's depth callbacks.
 */
final class ReplyTree extends CommandOutput<byte[], byte[], Object> {
    private final ArrayDeque<Frame> open = new ArrayDeque<>();
    private Object root;

    private static final class Frame {
        final List<Object> list;
        int remaining;

        Frame(List<Object> list, int remaining) {
            this.list = list;
            this.remaining = remaining;
        }
    }

    ReplyTree() {
        super(ByteArrayCodec.INSTANCE, null);
    }

    @Override
    public Object get() {
        return root;
    }

    private void add(Object value) {
        Frame top = open.peek();
        if (top == null) {
            root = value;
            return;
        }
        top.list.add(value);
        top.remaining--;
    }

    /** Closes every array whose elements have all arrived. */
    private void closeFinished() {
        while (!open.isEmpty() && open.peek().remaining <= 0) {
            open.pop();
        }
    }

    @Override
    public void set(ByteBuffer bytes) {
        if (bytes == null) {
            add(null);
        } else {
            byte[] b = new byte[bytes.remaining()];
            bytes.get(b);
            add(b);
        }
        closeFinished();
    }

    @Override
    public void setSingle(ByteBuffer bytes) {
        set(bytes);
    }

    @Override
    public void set(long value) {
        add(value);
        closeFinished();
    }

    @Override
    public void set(double value) {
        add(value);
        closeFinished();
    }

    @Override
    public void set(boolean value) {
        add(value ? 1L : 0L);
        closeFinished();
    }

    @Override
    public void multi(int count) {
        if (count < 0) {
            add(null);
            closeFinished();
            return;
        }
        List<Object> list = new ArrayList<>(count);
        add(list);
        if (count > 0) {
            open.push(new Frame(list, count));
        } else {
            closeFinished();
        }
    }

    @Override
    public void complete(int depth) {
        // arrays are closed by their counts (closeFinished)
    }
}
