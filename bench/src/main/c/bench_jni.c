/*
 * Bench-only JNI entry points: baselines and the alternatives syswrite's shim rejected,
 * measured side by side with it. Never shipped; libc is allowed here.
 */
#include <jni.h>
#include <unistd.h>

#include "sys_write.h"

/*
 * The stub, exported for FFM downcalls (it is hidden inside the library). -O2 makes this a
 * single tail jump into the stub.
 */
__attribute__((visibility("default"))) long syswrite_bench_sys_write(int fd, const void *buf, unsigned long count)
{
	return syswrite_sys_write(fd, buf, count);
}

/* The cost of a JNI transition alone: no arguments, no work. */
JNIEXPORT void JNICALL Java_dev_syswrite_bench_BenchNative_empty(JNIEnv *env, jclass cls)
{
	(void)env;
	(void)cls;
}

/* Rewinds a descriptor, so page-cache benchmarks rewrite the same pages instead of growing a file. */
JNIEXPORT jlong JNICALL Java_dev_syswrite_bench_BenchNative_rewind(JNIEnv *env, jclass cls, jint fd)
{
	(void)env;
	(void)cls;
	return (jlong)lseek(fd, 0, SEEK_SET);
}

/* The JVM copies the whole array to C heap (HotSpot never pins here); the slice is written. */
JNIEXPORT jlong JNICALL Java_dev_syswrite_bench_BenchNative_arrayElements(
	JNIEnv *env, jclass cls, jint fd, jbyteArray b, jint off, jint len)
{
	jbyte *copy = (*env)->GetByteArrayElements(env, b, NULL);
	long r;

	(void)cls;
	if (copy == NULL)
		return -12; /* ENOMEM */
	r = syswrite_sys_write(fd, copy + off, (unsigned long)len);
	(*env)->ReleaseByteArrayElements(env, b, copy, JNI_ABORT);
	return r;
}

/*
 * No copy: the array is pinned across the write. Only a reference point: a write that blocks
 * while the array is held stalls every GC on JDK 17, so syswrite never does this.
 */
JNIEXPORT jlong JNICALL Java_dev_syswrite_bench_BenchNative_criticalPinned(
	JNIEnv *env, jclass cls, jint fd, jbyteArray b, jint off, jint len)
{
	jbyte *pinned = (*env)->GetPrimitiveArrayCritical(env, b, NULL);
	long r;

	(void)cls;
	if (pinned == NULL)
		return -12; /* ENOMEM */
	r = syswrite_sys_write(fd, pinned + off, (unsigned long)len);
	(*env)->ReleasePrimitiveArrayCritical(env, b, pinned, JNI_ABORT);
	return r;
}

/* The raw descriptor a java.io.FileDescriptor holds. */
JNIEXPORT jint JNICALL Java_dev_syswrite_bench_BenchNative_fd(JNIEnv *env, jclass cls, jobject fd)
{
	jfieldID field = (*env)->GetFieldID(env, (*env)->GetObjectClass(env, fd), "fd", "I");

	(void)cls;
	return field == NULL ? -1 : (*env)->GetIntField(env, fd, field);
}

/* A direct buffer's base address. */
JNIEXPORT jlong JNICALL Java_dev_syswrite_bench_BenchNative_address(JNIEnv *env, jclass cls, jobject buffer)
{
	(void)cls;
	return (jlong)(*env)->GetDirectBufferAddress(env, buffer);
}
