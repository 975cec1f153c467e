/*
 * BTI probe: dlopen a library and make an indirect call (BLR) into one of its exported
 * functions. Where BTI is enforced, the call must land on a landing pad (bti c, or paciasp)
 * or the process dies with SIGILL.
 *
 * usage: bti_probe LIBRARY write SYMBOL   (long SYMBOL(int fd, const void *buf, unsigned long count))
 *        bti_probe LIBRARY writev SYMBOL  (long SYMBOL(int fd, const struct iovec *iov, int iovcnt))
 *        bti_probe LIBRARY fdatasync SYMBOL (long SYMBOL(int fd); called on a closed descriptor)
 *        bti_probe LIBRARY jni SYMBOL     (jint SYMBOL(JNIEnv *env, jclass cls); prints the result)
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>

int main(int argc, char **argv)
{
	if (argc != 4)
		return 64;
	void *lib = dlopen(argv[1], RTLD_NOW);
	if (lib == NULL) {
		fprintf(stderr, "%s\n", dlerror());
		return 65;
	}
	void *symbol = dlsym(lib, argv[3]);
	if (symbol == NULL) {
		fprintf(stderr, "no %s in %s\n", argv[3], argv[1]);
		return 66;
	}
	if (strcmp(argv[2], "jni") == 0) {
		int (*jni)(void *, void *) = (int (*)(void *, void *))symbol;
		printf("%d\n", jni(NULL, NULL));
		return 0;
	}
	if (strcmp(argv[2], "writev") == 0) {
		long (*writev_fn)(int, const struct iovec *, int) = (long (*)(int, const struct iovec *, int))symbol;
		struct iovec iov[2] = {{"land", 4}, {"ed\n", 3}};
		return writev_fn(1, iov, 2) == 7 ? 0 : 67;
	}
	if (strcmp(argv[2], "fdatasync") == 0) {
		long (*fdatasync_fn)(int) = (long (*)(int))symbol;
		if (fdatasync_fn(-1) != -9) /* -EBADF: the kernel answered */
			return 67;
		printf("landed\n");
		return 0;
	}
	long (*write_fn)(int, const void *, unsigned long) = (long (*)(int, const void *, unsigned long))symbol;
	return write_fn(1, "landed\n", 7) == 7 ? 0 : 67;
}
