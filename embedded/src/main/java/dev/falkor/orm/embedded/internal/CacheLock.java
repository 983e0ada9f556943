package dev.falkor.orm.embedded.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock around filling a cache directory, held by one thread of one process at a time: a
 * file lock keeps other processes out, and a lock per file in this JVM keeps its other threads
 * waiting too (a file lock is held per JVM: a second thread asking for it would get an
 * {@link java.nio.channels.OverlappingFileLockException} instead of waiting).
 */
public final class CacheLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock jvm;
    private final FileChannel channel;
    private final FileLock file;

    private CacheLock(ReentrantLock jvm, FileChannel channel, FileLock file) {
        this.jvm = jvm;
        this.channel = channel;
        this.file = file;
    }

    /**
     * Waits for the lock of {@code lockFile} (created if missing).
     *
     * @param lockFile the lock file
     * @return the held lock; close it to release
     * @throws IOException if the file cannot be opened or locked
     */
    public static CacheLock acquire(Path lockFile) throws IOException {
        ReentrantLock jvm = IN_THIS_JVM.computeIfAbsent(lockFile.toAbsolutePath().normalize(), p -> new ReentrantLock());
        jvm.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new CacheLock(jvm, channel, channel.lock());
        } catch (IOException | RuntimeException | Error e) {
            if (channel != null) {
                channel.close();
            }
            jvm.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            file.release();
            channel.close();
        } finally {
            jvm.unlock();
        }
    }
}
