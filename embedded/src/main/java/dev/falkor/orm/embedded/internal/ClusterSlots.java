package dev.falkor.orm.embedded.internal;

import java.nio.charset.StandardCharsets;

/**
 * Redis Cluster's key-to-slot mapping, as in the cluster specification: the slot of a key is
 * {@code CRC16(key) mod 16384} (CRC16-CCITT/XMODEM: polynomial {@code 0x1021}, initial value 0),
 * where only the hash tag is hashed if the key has one: the part between the first
 * {@code {}} and the first {@code }} after it, if that part is not empty.
 */
public final class ClusterSlots {
    /** The number of hash slots of a Redis cluster. */
    public static final int SLOTS = 16384;

    private ClusterSlots() {
    }

    /**
     * The hash slot of {@code key}, as {@code CLUSTER KEYSLOT} computes it.
     *
     * @param key the key (a graph's name)
     * @return 0..16383
     */
    public static int slot(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        int from = 0;
        int to = bytes.length;
        int open = indexOf(bytes, (byte) '{', 0);
        if (open >= 0) {
            int close = indexOf(bytes, (byte) '}', open + 1);
            if (close > open + 1) {
                from = open + 1;
                to = close;
            }
        }
        return crc16(bytes, from, to) & (SLOTS - 1);
    }

    /**
     * Splits the slots into {@code shards} contiguous ranges of (almost) equal size.
     *
     * @param shards 1..16384
     * @return {@code [first, last]} (inclusive) of each shard, in slot order
     */
    public static int[][] split(int shards) {
        if (shards < 1 || shards > SLOTS) {
            throw new IllegalArgumentException("shards must be 1.." + SLOTS + ", was " + shards);
        }
        int[][] ranges = new int[shards][];
        for (int i = 0; i < shards; i++) {
            ranges[i] = new int[] {i * SLOTS / shards, (i + 1) * SLOTS / shards - 1};
        }
        return ranges;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    static int crc16(byte[] bytes, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc ^= (bytes[i] & 0xff) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return crc & 0xffff;
    }
}
