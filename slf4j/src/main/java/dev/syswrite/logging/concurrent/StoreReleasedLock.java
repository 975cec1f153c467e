package dev.syswrite.logging.concurrent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A lock that a thread out of stack still releases: its release is one store of null to
 * {@link #owner}, written in the {@code finally} of the frame that took it. A call there, such as
 * {@code ReentrantLock.unlock()}, can itself throw {@code StackOverflowError} before it releases
 * anything, and leave every later logging call waiting for good; a store cannot. Taking it is one
 * compare-and-set, the last thing {@link #lock()} does, so running out of stack before it leaves
 * the lock free.
 *
 * <p>{@code Thread.stop} may end {@link #lock()} on its way back, with the lock taken: so the
 * caller takes it inside its {@code try}, and its {@code finally} releases it if the thread owns
 * it, by a comparison and a store. Always:
 * <pre>{@code
 * Thread me = Thread.currentThread();
 * try {
 *     lock.lock();
 *     ...
 * } finally {
 *     if (lock.owner == me) {
 *         lock.owner = null;
 *     }
 *     lock.wake();
 * }
 * }</pre>
 *
 * <p>Not reentrant. A waiter spins, yields, then parks for short spells: a release that ran out of
 * stack before {@link #wake()} still lets it in within {@link Backoff#LONGEST_NAP_NANOS}, and one that
 * did not wakes it at once.
 */
public final class StoreReleasedLock {
    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(StoreReleasedLock.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The thread holding the lock, or null. Its holder releases it by storing null here. */
    public volatile Thread owner;
    /** The last waiter to park, for {@link #wake()}. */
    private volatile Thread parked;

    /**
     * Takes the lock if it is free now.
     *
     * @return whether it took the lock
     */
    public boolean tryLock() {
        return owner == null && OWNER.compareAndSet(this, null, Thread.currentThread());
    }

    /** Takes the lock, waiting as long as it takes. An interrupt does not end the wait, and is kept. */
    public void lock() {
        for (int round = 0; !tryLock(); round++) {
            await(round);
        }
    }

    /**
     * Takes the lock, waiting at most {@code nanos}. An interrupt does not end the wait, and is kept.
     *
     * @param nanos the longest wait
     * @return whether it took the lock
     */
    public boolean tryLock(long nanos) {
        long start = System.nanoTime();
        for (int round = 0; !tryLock(); round++) {
            if (System.nanoTime() - start > nanos) {
                return false;
            }
            await(round);
        }
        return true;
    }

    /**
     * Whether the calling thread holds the lock.
     *
     * @return whether it does
     */
    public boolean isHeldByCurrentThread() {
        return owner == Thread.currentThread();
    }

    /** After the store that released the lock: wakes a parked waiter, if any. */
    public void wake() {
        Thread waiter = parked;
        if (waiter != null) {
            parked = null;
            LockSupport.unpark(waiter);
        }
    }

    /** One round of waiting for the owner to leave; the lock is never taken here. */
    private void await(int round) {
        if (Backoff.parks(round)) {
            parked = Thread.currentThread();
            if (owner == null) {
                return; // released meanwhile: no wake-up will come
            }
        }
        Backoff.pause(round);
    }
}
