/*
 * The JNI shim: moves Java memory to the write(2) and writev(2) stubs, and descriptors to the
 * fdatasync(2) stub, and hands back their raw results.
 *
 * No libc: this file is compiled freestanding and linked with -nostdlib, so it may use
 * nothing but JNI and the stub. It holds no policy either: bounds, errno mapping and
 * retries live in Java (dev.syswrite.SysWrite), which validates every argument first.
 * Each entry point still refuses, with -EINVAL, anything that would make it touch memory
 * outside what it was given (a null object, a range outside an array or buffer), and never
 * writes after a JNI call left an exception pending: whoever calls it, it cannot crash the
 * JVM or write memory it was not handed.
 */
#include <jni.h>

#include "dev_syswrite_internal_NativeWrite.h" /* javac -h: prototypes and STACK_COPY_MAX */
#include "sys_write.h"
#include "sys_writev.h"
#include "sys_fdatasync.h"

#define STACK_COPY_MAX dev_syswrite_internal_NativeWrite_STACK_COPY_MAX
#define IOV_MAX dev_syswrite_internal_NativeWrite_IOV_MAX
#define SEGMENT_BACKED dev_syswrite_internal_NativeWrite_SEGMENT_BACKED
#define COPY_SLICE (1 << 20) /* bytes copied per GetByteArrayRegion call */

/* Raw results the shim produces itself, with the kernel's numbers (asm-generic/errno-base.h). */
#define NEG_EFAULT (-14L)
#define NEG_EINVAL (-22L)

static jfieldID file_descriptor_fd; /* java.io.FileDescriptor.fd, an int */
static jfieldID buffer_address;     /* java.nio.Buffer.address, a long: a direct buffer's base */
static jfieldID buffer_capacity;    /* java.nio.Buffer.capacity, an int */
static jfieldID buffer_segment;     /* java.nio.Buffer.segment (JDK 22+), set by watchSegments */
static jfieldID buffer_position;    /* java.nio.Buffer.position, an int */
static jfieldID buffer_limit;       /* java.nio.Buffer.limit, an int */
static jfieldID byte_buffer_array;  /* java.nio.ByteBuffer.hb, a heap buffer's byte[] (null if direct) */
static jfieldID byte_buffer_offset; /* java.nio.ByteBuffer.offset, where a heap buffer starts in hb */

/* The handshake: the version this library was built with, checked by Java after loading. */
JNIEXPORT jint JNICALL Java_dev_syswrite_internal_NativeWrite_abiVersion(JNIEnv *env, jclass cls)
{
	(void)env;
	(void)cls;
	return dev_syswrite_internal_NativeWrite_ABI_VERSION;
}

/* Read at call time, so a closed FileDescriptor (fd == -1) fails with EBADF. */
static inline jint resolve_fd(JNIEnv *env, jobject fd_object, jint fd)
{
	return fd_object == NULL ? fd : (*env)->GetIntField(env, fd_object, file_descriptor_fd);
}

JNIEXPORT jint JNICALL Java_dev_syswrite_internal_NativeWrite_descriptor(JNIEnv *env, jclass cls, jobject fd_object)
{
	(void)cls;
	return fd_object == NULL ? -1 : resolve_fd(env, fd_object, -1);
}

/* A direct buffer's base address, for callers that build iovecs over it; 0 for a heap buffer. */
JNIEXPORT jlong JNICALL Java_dev_syswrite_internal_NativeWrite_bufferAddress(JNIEnv *env, jclass cls, jobject buffer)
{
	(void)cls;
	return buffer == NULL ? 0 : (*env)->GetLongField(env, buffer, buffer_address);
}

/* Buffer.segment's type: the FFM API's (JDK 19+), or the incubator's proxy (JDK 16 to 18). */
static const char *const segment_types[] = {
	"Ljava/lang/foreign/MemorySegment;",
	"Ljdk/internal/access/foreign/MemorySegmentProxy;",
};

/*
 * From now on direct() refuses a buffer that views a MemorySegment, whose memory its arena
 * (scope) may free at any time: Java writes those in a way that keeps the memory alive.
 * Returns whether this JDK's Buffer has the field.
 */
JNIEXPORT jboolean JNICALL Java_dev_syswrite_internal_NativeWrite_watchSegments(JNIEnv *env, jclass cls)
{
	jclass buffer;
	jfieldID segment = NULL;

	(void)cls;
	buffer = (*env)->FindClass(env, "java/nio/Buffer");
	if (buffer == NULL)
		return JNI_FALSE;
	for (unsigned i = 0; segment == NULL && i < sizeof segment_types / sizeof segment_types[0]; i++) {
		segment = (*env)->GetFieldID(env, buffer, "segment", segment_types[i]);
		if (segment == NULL)
			(*env)->ExceptionClear(env); /* NoSuchFieldError: not this type */
	}
	if (segment == NULL)
		return JNI_FALSE;
	__atomic_store_n(&buffer_segment, segment, __ATOMIC_RELEASE);
	return JNI_TRUE;
}

/* Whether a direct buffer views a MemorySegment, through the field watchSegments() found. */
static jboolean views_segment(JNIEnv *env, jobject buffer, jfieldID segment)
{
	jobject viewed = (*env)->GetObjectField(env, buffer, segment);

	(*env)->DeleteLocalRef(env, viewed);
	return viewed != NULL;
}

/*
 * Whether Java must keep a segment alive to write this direct buffer in place: it views one, or
 * this JDK's buffers do not tell (no field found), so it may.
 */
JNIEXPORT jboolean JNICALL Java_dev_syswrite_internal_NativeWrite_mayViewSegment(JNIEnv *env, jclass cls, jobject buffer)
{
	jfieldID segment = __atomic_load_n(&buffer_segment, __ATOMIC_ACQUIRE);

	(void)cls;
	return buffer != NULL && (segment == NULL || views_segment(env, buffer, segment));
}

JNIEXPORT jlong JNICALL Java_dev_syswrite_internal_NativeWrite_array(
	JNIEnv *env, jclass cls, jobject fd_object, jint fd, jbyteArray b, jint off, jint len)
{
	/*
	 * Copy, never pin: GetPrimitiveArrayCritical held across a write that blocks (a full
	 * pipe, a slow disk) would stall every GC on JDK 17.
	 */
	jbyte copy[STACK_COPY_MAX];

	(void)cls;
	if (b == NULL || len < 0 || len > STACK_COPY_MAX)
		return NEG_EINVAL; /* Java never asks; the stack buffer must never overflow */
	(*env)->GetByteArrayRegion(env, b, off, len, copy);
	if ((*env)->ExceptionCheck(env))
		return NEG_EINVAL; /* off/len outside b: copy holds nothing of the caller's */
	return syswrite_sys_write(resolve_fd(env, fd_object, fd), copy, (unsigned long)len);
}

/*
 * Copies b[off, off + len) to copy; false if the range is outside b, with the JVM's
 * ArrayIndexOutOfBoundsException left pending for the caller to see.
 * The JVM cannot reach a safepoint while it copies, so copy in slices: between two calls this
 * thread is in native code and never holds up a GC for long.
 */
static jboolean copy_array(JNIEnv *env, jbyteArray b, jint off, jint len, jbyte *copy)
{
	for (jlong done = 0; done < len; done += COPY_SLICE) {
		jint n = (jint)(len - done < COPY_SLICE ? len - done : COPY_SLICE);
		(*env)->GetByteArrayRegion(env, b, off + (jint)done, n, copy + done);
		if ((*env)->ExceptionCheck(env))
			return JNI_FALSE;
	}
	return JNI_TRUE;
}

JNIEXPORT jlong JNICALL Java_dev_syswrite_internal_NativeWrite_arrayVia(
	JNIEnv *env, jclass cls, jobject fd_object, jint fd, jbyteArray b, jint off, jint len, jobject scratch)
{
	jbyte *copy;

	(void)cls;
	if (b == NULL || scratch == NULL)
		return NEG_EINVAL;
	copy = (jbyte *)(__INTPTR_TYPE__)(*env)->GetLongField(env, scratch, buffer_address);
	if (copy == NULL || len < 0 || len > (*env)->GetIntField(env, scratch, buffer_capacity))
		return NEG_EINVAL; /* Java never asks; the copy must stay inside the buffer */
	if (!copy_array(env, b, off, len, copy))
		return NEG_EINVAL; /* off/len outside b: scratch holds stale bytes */
	return syswrite_sys_write(resolve_fd(env, fd_object, fd), copy, (unsigned long)len);
}

JNIEXPORT jlong JNICALL Java_dev_syswrite_internal_NativeWrite_direct(
	JNIEnv *env, jclass cls, jobject fd_object, jint fd, jobject buffer, jint position, jint len, jboolean plain)
{
	/*
	 * The field itself, not GetDirectBufferAddress: HotSpot reads a field without leaving
	 * native code, where GetDirectBufferAddress enters the VM, and checks the class, first.
	 */
	const jbyte *base;
	jint capacity;

	jfieldID segment = __atomic_load_n(&buffer_segment, __ATOMIC_ACQUIRE);

	(void)cls;
	if (buffer == NULL)
		return NEG_EINVAL;
	if (!plain && segment != NULL && views_segment(env, buffer, segment))
		return dev_syswrite_internal_NativeWrite_SEGMENT_BACKED; /* its memory may be freed mid-write */
	base = (const jbyte *)(__INTPTR_TYPE__)(*env)->GetLongField(env, buffer, buffer_address);
	capacity = (*env)->GetIntField(env, buffer, buffer_capacity);
	if (position < 0 || len < 0 || position > capacity - len)
		return NEG_EINVAL; /* never past the buffer's end */
	if (len == 0)
		return syswrite_sys_write(resolve_fd(env, fd_object, fd), base, 0); /* any address: 0 bytes */
	if (base == NULL)
		return NEG_EFAULT; /* not a direct buffer, or one over no memory */
	return syswrite_sys_write(resolve_fd(env, fd_object, fd), base + position, (unsigned long)len);
}

/*
 * The stub itself for the FFM linker (JDK 22+), which passes a MemorySegment's address and
 * keeps its scope alive until this returns.
 */
JNIEXPORT long syswrite_write(int fd, const void *buf, unsigned long count)
{
	return syswrite_sys_write(fd, buf, count);
}

JNIEXPORT jlong JNICALL Java_dev_syswrite_internal_NativeWrite_address(
	JNIEnv *env, jclass cls, jint fd, jlong address, jlong len)
{
	(void)env;
	(void)cls;
	/* The kernel checks the range: an unmapped address is EFAULT, never a fault here. */
	return syswrite_sys_write(fd, (const void *)(__INTPTR_TYPE__)address, (unsigned long)len);
}

/*
 * One writev(2) of the remaining bytes of srcs[0, count), at most budget bytes in all: direct
 * buffers in place, heap buffers (read-only ones too) copied one after another into scratch,
 * which Java sized for them. Empty buffers take no iovec. A direct buffer that views a segment,
 * even an empty one, leaves the whole vector to Java, which keeps its arena alive for the call.
 * Reads each buffer's position and limit itself and checks them again: another thread may move
 * them at any time.
 */
JNIEXPORT jlong JNICALL Java_dev_syswrite_internal_NativeWrite_gather(
	JNIEnv *env, jclass cls, jobject fd_object, jint fd, jobjectArray srcs, jint count, jlong budget, jobject scratch)
{
	struct syswrite_iovec iov[IOV_MAX]; /* 16 KiB of stack, as the JDK's own IOUtil keeps off-heap */
	jfieldID segment = __atomic_load_n(&buffer_segment, __ATOMIC_ACQUIRE);
	jbyte *spare = NULL;
	jlong spare_left = 0;
	int used = 0;

	(void)cls;
	if (srcs == NULL || count < 0 || count > (*env)->GetArrayLength(env, srcs) || budget < 0)
		return NEG_EINVAL;
	/*
	 * Each direct buffer's local reference is kept until the call returns: it alone keeps the
	 * buffer, and so its memory, alive while the kernel reads it, since another thread may
	 * replace the element in srcs meanwhile.
	 */
	if ((*env)->EnsureLocalCapacity(env, (count < IOV_MAX ? count : IOV_MAX) + 4) != JNI_OK)
		return NEG_EINVAL; /* OutOfMemoryError pending */
	if (byte_buffer_array == NULL || byte_buffer_offset == NULL)
		return SEGMENT_BACKED; /* a JDK whose buffers are laid out otherwise: Java copies them all */
	if (scratch != NULL) {
		spare = (jbyte *)(__INTPTR_TYPE__)(*env)->GetLongField(env, scratch, buffer_address);
		spare_left = spare == NULL ? 0 : (*env)->GetIntField(env, scratch, buffer_capacity);
	}
	for (jint i = 0; i < count && used < IOV_MAX && budget > 0; i++) {
		jobject src = (*env)->GetObjectArrayElement(env, srcs, i);
		jbyteArray array;
		jint position, limit, len;

		if (src == NULL)
			return NEG_EINVAL; /* set to null by another thread since Java checked */
		position = (*env)->GetIntField(env, src, buffer_position);
		limit = (*env)->GetIntField(env, src, buffer_limit);
		if (position < 0 || position > limit || limit > (*env)->GetIntField(env, src, buffer_capacity))
			return NEG_EINVAL; /* moved by another thread meanwhile */
		len = (jint)(limit - position < budget ? limit - position : budget);
		array = (jbyteArray)(*env)->GetObjectField(env, src, byte_buffer_array);
		if (array == NULL && segment != NULL && views_segment(env, src, segment)) {
			/* its memory may be freed mid-write, and an empty one's closed arena must throw too */
			return SEGMENT_BACKED;
		} else if (len == 0) {
			/* nothing to take: no iovec */
		} else if (array != NULL) {
			if (len > spare_left)
				return NEG_EINVAL; /* grown by another thread since Java sized scratch */
			if (!copy_array(env, array, (*env)->GetIntField(env, src, byte_buffer_offset) + position, len, spare))
				return NEG_EINVAL;
			iov[used].base = spare;
			iov[used++].len = (unsigned long)len;
			spare += len;
			spare_left -= len;
		} else {
			const jbyte *base = (const jbyte *)(__INTPTR_TYPE__)(*env)->GetLongField(env, src, buffer_address);
			if (base == NULL)
				return NEG_EFAULT;
			iov[used].base = base + position;
			iov[used++].len = (unsigned long)len;
			src = NULL; /* its reference stays: see above */
		}
		budget -= len;
		(*env)->DeleteLocalRef(env, array); /* copied already */
		(*env)->DeleteLocalRef(env, src);
	}
	return syswrite_sys_writev(resolve_fd(env, fd_object, fd), iov, used);
}

/*
 * The writev(2) stub for the FFM linker (JDK 22+), on iovecs Java built over buffers that view
 * segments. The segments after iovcnt are never read: the linker keeps each one's scope alive
 * until this returns, so no arena can free memory an iovec names while the kernel reads it.
 */
JNIEXPORT long syswrite_writev(int fd, const struct syswrite_iovec *iov, int iovcnt, ...)
{
	return syswrite_sys_writev(fd, iov, iovcnt);
}

/* The stub itself, on an iovec array in native memory; the kernel checks every address. */
JNIEXPORT jlong JNICALL Java_dev_syswrite_internal_NativeWrite_addressVector(
	JNIEnv *env, jclass cls, jint fd, jlong iov, jint iovcnt)
{
	(void)env;
	(void)cls;
	return syswrite_sys_writev(fd, (const struct syswrite_iovec *)(__INTPTR_TYPE__)iov, iovcnt);
}

/*
 * The first 8 bytes of a direct buffer, where a result can be stored safely; NULL for anything
 * else: null, a heap buffer (its address field holds an array offset), one too small or
 * misaligned, or one that views a segment, whose arena may free it.
 */
static volatile jlong *note_slot(JNIEnv *env, jobject buffer)
{
	jfieldID segment = __atomic_load_n(&buffer_segment, __ATOMIC_ACQUIRE);
	jobject array;
	jboolean heap;
	__INTPTR_TYPE__ address;

	if (buffer == NULL || byte_buffer_array == NULL)
		return NULL;
	array = (*env)->GetObjectField(env, buffer, byte_buffer_array);
	heap = array != NULL;
	(*env)->DeleteLocalRef(env, array);
	if (heap || (segment != NULL && views_segment(env, buffer, segment)))
		return NULL;
	address = (__INTPTR_TYPE__)(*env)->GetLongField(env, buffer, buffer_address);
	if (address == 0 || address % (__INTPTR_TYPE__)sizeof(jlong) != 0)
		return NULL;
	if ((*env)->GetIntField(env, buffer, buffer_capacity) < (jint)sizeof(jlong))
		return NULL;
	return (volatile jlong *)address;
}

/*
 * addressVector, with the result also stored in the first 8 bytes of the direct buffer `result`
 * before this returns. Java cannot be stopped in native code, but it can be at any bytecode once
 * back (Thread.stop, an async exception): a caller that must know what the kernel took, even if it
 * dies before it reads the return value, finds it there. A result buffer this could not store
 * into safely (null, not direct, too small, misaligned, a view of a segment an arena may free)
 * is refused with -EINVAL before the system call.
 */
JNIEXPORT jlong JNICALL Java_dev_syswrite_internal_NativeWrite_addressVectorNoted(
	JNIEnv *env, jclass cls, jint fd, jlong iov, jint iovcnt, jobject result)
{
	volatile jlong *note = note_slot(env, result);
	jlong written;

	(void)cls;
	if (note == NULL)
		return NEG_EINVAL;
	written = syswrite_sys_writev(fd, (const struct syswrite_iovec *)(__INTPTR_TYPE__)iov, iovcnt);
	*note = written; /* result's local reference keeps its memory alive until this returns */
	return written;
}

/* fdatasync(2) of the descriptor, the FileDescriptor's read at the moment of the call if given. */
JNIEXPORT jlong JNICALL Java_dev_syswrite_internal_NativeWrite_datasync(
	JNIEnv *env, jclass cls, jobject fd_object, jint fd)
{
	(void)cls;
	return syswrite_sys_fdatasync(resolve_fd(env, fd_object, fd));
}

/*
 * Every entry point, for RegisterNatives: the class they belong to may have been relocated by
 * a shading tool (say, to com.acme.shaded.syswrite.internal.NativeWrite), which the exported
 * names above cannot follow. The signatures name JDK types only, which no tool relocates.
 */
static JNINativeMethod entry_points[] = {
	{"abiVersion", "()I", (void *)Java_dev_syswrite_internal_NativeWrite_abiVersion},
	{"array", "(Ljava/io/FileDescriptor;I[BII)J", (void *)Java_dev_syswrite_internal_NativeWrite_array},
	{"arrayVia", "(Ljava/io/FileDescriptor;I[BIILjava/nio/ByteBuffer;)J", (void *)Java_dev_syswrite_internal_NativeWrite_arrayVia},
	{"direct", "(Ljava/io/FileDescriptor;ILjava/nio/ByteBuffer;IIZ)J", (void *)Java_dev_syswrite_internal_NativeWrite_direct},
	{"descriptor", "(Ljava/io/FileDescriptor;)I", (void *)Java_dev_syswrite_internal_NativeWrite_descriptor},
	{"watchSegments", "()Z", (void *)Java_dev_syswrite_internal_NativeWrite_watchSegments},
	{"address", "(IJJ)J", (void *)Java_dev_syswrite_internal_NativeWrite_address},
	{"gather", "(Ljava/io/FileDescriptor;I[Ljava/nio/ByteBuffer;IJLjava/nio/ByteBuffer;)J", (void *)Java_dev_syswrite_internal_NativeWrite_gather},
	{"addressVector", "(IJI)J", (void *)Java_dev_syswrite_internal_NativeWrite_addressVector},
	{"addressVectorNoted", "(IJILjava/nio/ByteBuffer;)J", (void *)Java_dev_syswrite_internal_NativeWrite_addressVectorNoted},
	{"bufferAddress", "(Ljava/nio/ByteBuffer;)J", (void *)Java_dev_syswrite_internal_NativeWrite_bufferAddress},
	{"mayViewSegment", "(Ljava/nio/ByteBuffer;)Z", (void *)Java_dev_syswrite_internal_NativeWrite_mayViewSegment},
	{"datasync", "(Ljava/io/FileDescriptor;I)J", (void *)Java_dev_syswrite_internal_NativeWrite_datasync},
};

/* The current Java thread's id, through JNI: Thread.currentThread().getId(); -1 on failure. */
static jlong current_thread_id(JNIEnv *env)
{
	jclass thread_class = (*env)->FindClass(env, "java/lang/Thread");
	jmethodID current, get_id;
	jobject thread;

	if (thread_class == NULL)
		return -1;
	current = (*env)->GetStaticMethodID(env, thread_class, "currentThread", "()Ljava/lang/Thread;");
	get_id = (*env)->GetMethodID(env, thread_class, "getId", "()J");
	if (current == NULL || get_id == NULL)
		return -1;
	thread = (*env)->CallStaticObjectMethod(env, thread_class, current);
	return thread == NULL ? -1 : (*env)->CallLongMethod(env, thread, get_id);
}

/*
 * Binds the entry points to the class Java names, right before System.load, in the system
 * property syswrite.bind.<id of the loading thread> (JNI_OnLoad runs on that thread): that
 * class's own name, relocated or not. Without the property (a library loaded some other way)
 * the exported names bind as usual. Returns false only if a named class could not be bound.
 */
static jboolean bind_entry_points(JNIEnv *env)
{
	static const char prefix[] = "syswrite.bind.";
	char key[sizeof prefix + 20], name[512];
	jlong id = current_thread_id(env);
	jclass system, target;
	jmethodID get_property;
	jstring property, value;
	jsize length, i, n = 0;
	char digits[20];

	if (id < 0)
		return JNI_FALSE;
	for (i = 0; prefix[i] != 0; i++)
		key[i] = prefix[i];
	do
		digits[n++] = (char)('0' + id % 10);
	while ((id /= 10) != 0);
	while (n > 0)
		key[i++] = digits[--n];
	key[i] = 0;
	system = (*env)->FindClass(env, "java/lang/System");
	if (system == NULL)
		return JNI_FALSE;
	get_property = (*env)->GetStaticMethodID(env, system, "getProperty", "(Ljava/lang/String;)Ljava/lang/String;");
	property = (*env)->NewStringUTF(env, key);
	if (get_property == NULL || property == NULL)
		return JNI_FALSE;
	value = (jstring)(*env)->CallStaticObjectMethod(env, system, get_property, property);
	if ((*env)->ExceptionCheck(env))
		return JNI_FALSE;
	if (value == NULL)
		return JNI_TRUE;
	length = (*env)->GetStringUTFLength(env, value);
	if (length <= 0 || length >= (jsize)sizeof name)
		return JNI_FALSE;
	(*env)->GetStringUTFRegion(env, value, 0, (*env)->GetStringLength(env, value), name);
	name[length] = 0;
	for (i = 0; i < length; i++)
		if (name[i] == '.')
			name[i] = '/'; /* FindClass wants a binary name with slashes */
	target = (*env)->FindClass(env, name); /* through the class loader that called System.load */
	if (target == NULL)
		return JNI_FALSE;
	return (*env)->RegisterNatives(env, target, entry_points, sizeof entry_points / sizeof entry_points[0]) == JNI_OK;
}

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved)
{
	JNIEnv *env;
	jclass file_descriptor;
	jclass buffer, byte_buffer;

	(void)reserved;
	if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_8) != JNI_OK)
		return JNI_ERR;
	file_descriptor = (*env)->FindClass(env, "java/io/FileDescriptor");
	if (file_descriptor == NULL)
		return JNI_ERR;
	file_descriptor_fd = (*env)->GetFieldID(env, file_descriptor, "fd", "I");
	buffer = (*env)->FindClass(env, "java/nio/Buffer");
	if (file_descriptor_fd == NULL || buffer == NULL)
		return JNI_ERR;
	buffer_address = (*env)->GetFieldID(env, buffer, "address", "J");
	buffer_capacity = (*env)->GetFieldID(env, buffer, "capacity", "I");
	buffer_position = (*env)->GetFieldID(env, buffer, "position", "I");
	buffer_limit = (*env)->GetFieldID(env, buffer, "limit", "I");
	if (buffer_address == NULL || buffer_capacity == NULL || buffer_position == NULL || buffer_limit == NULL)
		return JNI_ERR;
	byte_buffer = (*env)->FindClass(env, "java/nio/ByteBuffer");
	if (byte_buffer == NULL)
		return JNI_ERR;
	byte_buffer_array = (*env)->GetFieldID(env, byte_buffer, "hb", "[B");
	byte_buffer_offset = byte_buffer_array == NULL ? NULL : (*env)->GetFieldID(env, byte_buffer, "offset", "I");
	if (byte_buffer_offset == NULL) {
		(*env)->ExceptionClear(env); /* gather() then leaves every buffer to Java */
		byte_buffer_array = NULL;
	}
	if (!bind_entry_points(env))
		(*env)->ExceptionClear(env); /* unbound: Java's ABI handshake then says why, and what to do */
	return JNI_VERSION_1_8;
}

