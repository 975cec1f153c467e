package dev.syswrite;

/**
 * A Linux error number: why a system call failed.
 *
 * <p>The kernel returns {@code -errno} for a failed call; {@link WriteResult.Err} carries the
 * decoded {@code Errno}. AArch64 and x86_64 share one numbering (the kernel's
 * {@code asm-generic/errno-base.h} and {@code errno.h}), so a constant means the same on both.
 * Every number from 1 to 133 that Linux assigns has a constant here, with the kernel's name and
 * the C library's {@code strerror} text. Numbers 41 and 58 are unassigned on these
 * architectures; they and any number above 133 are still kept exactly: {@link #of(int)} returns
 * an {@code Errno} whose {@link #number()} is the number given, so nothing the kernel says is lost.
 *
 * <p>Instances are values: compare them with {@link #equals(Object)} or by {@link #number()}.
 * The constants themselves are unique, so {@code ==} also works against them.
 */
public final class Errno {
    /** Highest number with a name on Linux (EHWPOISON). */
    private static final int MAX_KNOWN = 133;
    private static final Errno[] KNOWN = new Errno[MAX_KNOWN + 1];

    /** Operation not permitted (EPERM, 1). */
    public static final Errno EPERM = known(1, "EPERM", "Operation not permitted");
    /** No such file or directory (ENOENT, 2). */
    public static final Errno ENOENT = known(2, "ENOENT", "No such file or directory");
    /** No such process (ESRCH, 3). */
    public static final Errno ESRCH = known(3, "ESRCH", "No such process");
    /** Interrupted system call (EINTR, 4). */
    public static final Errno EINTR = known(4, "EINTR", "Interrupted system call");
    /** Input/output error (EIO, 5). */
    public static final Errno EIO = known(5, "EIO", "Input/output error");
    /** No such device or address (ENXIO, 6). */
    public static final Errno ENXIO = known(6, "ENXIO", "No such device or address");
    /** Argument list too long (E2BIG, 7). */
    public static final Errno E2BIG = known(7, "E2BIG", "Argument list too long");
    /** Exec format error (ENOEXEC, 8). */
    public static final Errno ENOEXEC = known(8, "ENOEXEC", "Exec format error");
    /** Bad file descriptor (EBADF, 9). */
    public static final Errno EBADF = known(9, "EBADF", "Bad file descriptor");
    /** No child processes (ECHILD, 10). */
    public static final Errno ECHILD = known(10, "ECHILD", "No child processes");
    /** Resource temporarily unavailable (EAGAIN, 11). */
    public static final Errno EAGAIN = known(11, "EAGAIN", "Resource temporarily unavailable");
    /** Cannot allocate memory (ENOMEM, 12). */
    public static final Errno ENOMEM = known(12, "ENOMEM", "Cannot allocate memory");
    /** Permission denied (EACCES, 13). */
    public static final Errno EACCES = known(13, "EACCES", "Permission denied");
    /** Bad address (EFAULT, 14). */
    public static final Errno EFAULT = known(14, "EFAULT", "Bad address");
    /** Block device required (ENOTBLK, 15). */
    public static final Errno ENOTBLK = known(15, "ENOTBLK", "Block device required");
    /** Device or resource busy (EBUSY, 16). */
    public static final Errno EBUSY = known(16, "EBUSY", "Device or resource busy");
    /** File exists (EEXIST, 17). */
    public static final Errno EEXIST = known(17, "EEXIST", "File exists");
    /** Invalid cross-device link (EXDEV, 18). */
    public static final Errno EXDEV = known(18, "EXDEV", "Invalid cross-device link");
    /** No such device (ENODEV, 19). */
    public static final Errno ENODEV = known(19, "ENODEV", "No such device");
    /** Not a directory (ENOTDIR, 20). */
    public static final Errno ENOTDIR = known(20, "ENOTDIR", "Not a directory");
    /** Is a directory (EISDIR, 21). */
    public static final Errno EISDIR = known(21, "EISDIR", "Is a directory");
    /** Invalid argument (EINVAL, 22). */
    public static final Errno EINVAL = known(22, "EINVAL", "Invalid argument");
    /** Too many open files in system (ENFILE, 23). */
    public static final Errno ENFILE = known(23, "ENFILE", "Too many open files in system");
    /** Too many open files (EMFILE, 24). */
    public static final Errno EMFILE = known(24, "EMFILE", "Too many open files");
    /** Inappropriate ioctl for device (ENOTTY, 25). */
    public static final Errno ENOTTY = known(25, "ENOTTY", "Inappropriate ioctl for device");
    /** Text file busy (ETXTBSY, 26). */
    public static final Errno ETXTBSY = known(26, "ETXTBSY", "Text file busy");
    /** File too large (EFBIG, 27). */
    public static final Errno EFBIG = known(27, "EFBIG", "File too large");
    /** No space left on device (ENOSPC, 28). */
    public static final Errno ENOSPC = known(28, "ENOSPC", "No space left on device");
    /** Illegal seek (ESPIPE, 29). */
    public static final Errno ESPIPE = known(29, "ESPIPE", "Illegal seek");
    /** Read-only file system (EROFS, 30). */
    public static final Errno EROFS = known(30, "EROFS", "Read-only file system");
    /** Too many links (EMLINK, 31). */
    public static final Errno EMLINK = known(31, "EMLINK", "Too many links");
    /** Broken pipe (EPIPE, 32). */
    public static final Errno EPIPE = known(32, "EPIPE", "Broken pipe");
    /** Numerical argument out of domain (EDOM, 33). */
    public static final Errno EDOM = known(33, "EDOM", "Numerical argument out of domain");
    /** Numerical result out of range (ERANGE, 34). */
    public static final Errno ERANGE = known(34, "ERANGE", "Numerical result out of range");
    /** Resource deadlock avoided (EDEADLK, 35). */
    public static final Errno EDEADLK = known(35, "EDEADLK", "Resource deadlock avoided");
    /** File name too long (ENAMETOOLONG, 36). */
    public static final Errno ENAMETOOLONG = known(36, "ENAMETOOLONG", "File name too long");
    /** No locks available (ENOLCK, 37). */
    public static final Errno ENOLCK = known(37, "ENOLCK", "No locks available");
    /** Function not implemented (ENOSYS, 38). */
    public static final Errno ENOSYS = known(38, "ENOSYS", "Function not implemented");
    /** Directory not empty (ENOTEMPTY, 39). */
    public static final Errno ENOTEMPTY = known(39, "ENOTEMPTY", "Directory not empty");
    /** Too many levels of symbolic links (ELOOP, 40). */
    public static final Errno ELOOP = known(40, "ELOOP", "Too many levels of symbolic links");
    /** No message of desired type (ENOMSG, 42). */
    public static final Errno ENOMSG = known(42, "ENOMSG", "No message of desired type");
    /** Identifier removed (EIDRM, 43). */
    public static final Errno EIDRM = known(43, "EIDRM", "Identifier removed");
    /** Channel number out of range (ECHRNG, 44). */
    public static final Errno ECHRNG = known(44, "ECHRNG", "Channel number out of range");
    /** Level 2 not synchronized (EL2NSYNC, 45). */
    public static final Errno EL2NSYNC = known(45, "EL2NSYNC", "Level 2 not synchronized");
    /** Level 3 halted (EL3HLT, 46). */
    public static final Errno EL3HLT = known(46, "EL3HLT", "Level 3 halted");
    /** Level 3 reset (EL3RST, 47). */
    public static final Errno EL3RST = known(47, "EL3RST", "Level 3 reset");
    /** Link number out of range (ELNRNG, 48). */
    public static final Errno ELNRNG = known(48, "ELNRNG", "Link number out of range");
    /** Protocol driver not attached (EUNATCH, 49). */
    public static final Errno EUNATCH = known(49, "EUNATCH", "Protocol driver not attached");
    /** No CSI structure available (ENOCSI, 50). */
    public static final Errno ENOCSI = known(50, "ENOCSI", "No CSI structure available");
    /** Level 2 halted (EL2HLT, 51). */
    public static final Errno EL2HLT = known(51, "EL2HLT", "Level 2 halted");
    /** Invalid exchange (EBADE, 52). */
    public static final Errno EBADE = known(52, "EBADE", "Invalid exchange");
    /** Invalid request descriptor (EBADR, 53). */
    public static final Errno EBADR = known(53, "EBADR", "Invalid request descriptor");
    /** Exchange full (EXFULL, 54). */
    public static final Errno EXFULL = known(54, "EXFULL", "Exchange full");
    /** No anode (ENOANO, 55). */
    public static final Errno ENOANO = known(55, "ENOANO", "No anode");
    /** Invalid request code (EBADRQC, 56). */
    public static final Errno EBADRQC = known(56, "EBADRQC", "Invalid request code");
    /** Invalid slot (EBADSLT, 57). */
    public static final Errno EBADSLT = known(57, "EBADSLT", "Invalid slot");
    /** Bad font file format (EBFONT, 59). */
    public static final Errno EBFONT = known(59, "EBFONT", "Bad font file format");
    /** Device not a stream (ENOSTR, 60). */
    public static final Errno ENOSTR = known(60, "ENOSTR", "Device not a stream");
    /** No data available (ENODATA, 61). */
    public static final Errno ENODATA = known(61, "ENODATA", "No data available");
    /** Timer expired (ETIME, 62). */
    public static final Errno ETIME = known(62, "ETIME", "Timer expired");
    /** Out of streams resources (ENOSR, 63). */
    public static final Errno ENOSR = known(63, "ENOSR", "Out of streams resources");
    /** Machine is not on the network (ENONET, 64). */
    public static final Errno ENONET = known(64, "ENONET", "Machine is not on the network");
    /** Package not installed (ENOPKG, 65). */
    public static final Errno ENOPKG = known(65, "ENOPKG", "Package not installed");
    /** Object is remote (EREMOTE, 66). */
    public static final Errno EREMOTE = known(66, "EREMOTE", "Object is remote");
    /** Link has been severed (ENOLINK, 67). */
    public static final Errno ENOLINK = known(67, "ENOLINK", "Link has been severed");
    /** Advertise error (EADV, 68). */
    public static final Errno EADV = known(68, "EADV", "Advertise error");
    /** Srmount error (ESRMNT, 69). */
    public static final Errno ESRMNT = known(69, "ESRMNT", "Srmount error");
    /** Communication error on send (ECOMM, 70). */
    public static final Errno ECOMM = known(70, "ECOMM", "Communication error on send");
    /** Protocol error (EPROTO, 71). */
    public static final Errno EPROTO = known(71, "EPROTO", "Protocol error");
    /** Multihop attempted (EMULTIHOP, 72). */
    public static final Errno EMULTIHOP = known(72, "EMULTIHOP", "Multihop attempted");
    /** RFS specific error (EDOTDOT, 73). */
    public static final Errno EDOTDOT = known(73, "EDOTDOT", "RFS specific error");
    /** Bad message (EBADMSG, 74). */
    public static final Errno EBADMSG = known(74, "EBADMSG", "Bad message");
    /** Value too large for defined data type (EOVERFLOW, 75). */
    public static final Errno EOVERFLOW = known(75, "EOVERFLOW", "Value too large for defined data type");
    /** Name not unique on network (ENOTUNIQ, 76). */
    public static final Errno ENOTUNIQ = known(76, "ENOTUNIQ", "Name not unique on network");
    /** File descriptor in bad state (EBADFD, 77). */
    public static final Errno EBADFD = known(77, "EBADFD", "File descriptor in bad state");
    /** Remote address changed (EREMCHG, 78). */
    public static final Errno EREMCHG = known(78, "EREMCHG", "Remote address changed");
    /** Can not access a needed shared library (ELIBACC, 79). */
    public static final Errno ELIBACC = known(79, "ELIBACC", "Can not access a needed shared library");
    /** Accessing a corrupted shared library (ELIBBAD, 80). */
    public static final Errno ELIBBAD = known(80, "ELIBBAD", "Accessing a corrupted shared library");
    /** .lib section in a.out corrupted (ELIBSCN, 81). */
    public static final Errno ELIBSCN = known(81, "ELIBSCN", ".lib section in a.out corrupted");
    /** Attempting to link in too many shared libraries (ELIBMAX, 82). */
    public static final Errno ELIBMAX = known(82, "ELIBMAX", "Attempting to link in too many shared libraries");
    /** Cannot exec a shared library directly (ELIBEXEC, 83). */
    public static final Errno ELIBEXEC = known(83, "ELIBEXEC", "Cannot exec a shared library directly");
    /** Invalid or incomplete multibyte or wide character (EILSEQ, 84). */
    public static final Errno EILSEQ = known(84, "EILSEQ", "Invalid or incomplete multibyte or wide character");
    /** Interrupted system call should be restarted (ERESTART, 85). */
    public static final Errno ERESTART = known(85, "ERESTART", "Interrupted system call should be restarted");
    /** Streams pipe error (ESTRPIPE, 86). */
    public static final Errno ESTRPIPE = known(86, "ESTRPIPE", "Streams pipe error");
    /** Too many users (EUSERS, 87). */
    public static final Errno EUSERS = known(87, "EUSERS", "Too many users");
    /** Socket operation on non-socket (ENOTSOCK, 88). */
    public static final Errno ENOTSOCK = known(88, "ENOTSOCK", "Socket operation on non-socket");
    /** Destination address required (EDESTADDRREQ, 89). */
    public static final Errno EDESTADDRREQ = known(89, "EDESTADDRREQ", "Destination address required");
    /** Message too long (EMSGSIZE, 90). */
    public static final Errno EMSGSIZE = known(90, "EMSGSIZE", "Message too long");
    /** Protocol wrong type for socket (EPROTOTYPE, 91). */
    public static final Errno EPROTOTYPE = known(91, "EPROTOTYPE", "Protocol wrong type for socket");
    /** Protocol not available (ENOPROTOOPT, 92). */
    public static final Errno ENOPROTOOPT = known(92, "ENOPROTOOPT", "Protocol not available");
    /** Protocol not supported (EPROTONOSUPPORT, 93). */
    public static final Errno EPROTONOSUPPORT = known(93, "EPROTONOSUPPORT", "Protocol not supported");
    /** Socket type not supported (ESOCKTNOSUPPORT, 94). */
    public static final Errno ESOCKTNOSUPPORT = known(94, "ESOCKTNOSUPPORT", "Socket type not supported");
    /** Operation not supported (EOPNOTSUPP, 95). */
    public static final Errno EOPNOTSUPP = known(95, "EOPNOTSUPP", "Operation not supported");
    /** Protocol family not supported (EPFNOSUPPORT, 96). */
    public static final Errno EPFNOSUPPORT = known(96, "EPFNOSUPPORT", "Protocol family not supported");
    /** Address family not supported by protocol (EAFNOSUPPORT, 97). */
    public static final Errno EAFNOSUPPORT = known(97, "EAFNOSUPPORT", "Address family not supported by protocol");
    /** Address already in use (EADDRINUSE, 98). */
    public static final Errno EADDRINUSE = known(98, "EADDRINUSE", "Address already in use");
    /** Cannot assign requested address (EADDRNOTAVAIL, 99). */
    public static final Errno EADDRNOTAVAIL = known(99, "EADDRNOTAVAIL", "Cannot assign requested address");
    /** Network is down (ENETDOWN, 100). */
    public static final Errno ENETDOWN = known(100, "ENETDOWN", "Network is down");
    /** Network is unreachable (ENETUNREACH, 101). */
    public static final Errno ENETUNREACH = known(101, "ENETUNREACH", "Network is unreachable");
    /** Network dropped connection on reset (ENETRESET, 102). */
    public static final Errno ENETRESET = known(102, "ENETRESET", "Network dropped connection on reset");
    /** Software caused connection abort (ECONNABORTED, 103). */
    public static final Errno ECONNABORTED = known(103, "ECONNABORTED", "Software caused connection abort");
    /** Connection reset by peer (ECONNRESET, 104). */
    public static final Errno ECONNRESET = known(104, "ECONNRESET", "Connection reset by peer");
    /** No buffer space available (ENOBUFS, 105). */
    public static final Errno ENOBUFS = known(105, "ENOBUFS", "No buffer space available");
    /** Transport endpoint is already connected (EISCONN, 106). */
    public static final Errno EISCONN = known(106, "EISCONN", "Transport endpoint is already connected");
    /** Transport endpoint is not connected (ENOTCONN, 107). */
    public static final Errno ENOTCONN = known(107, "ENOTCONN", "Transport endpoint is not connected");
    /** Cannot send after transport endpoint shutdown (ESHUTDOWN, 108). */
    public static final Errno ESHUTDOWN = known(108, "ESHUTDOWN", "Cannot send after transport endpoint shutdown");
    /** Too many references: cannot splice (ETOOMANYREFS, 109). */
    public static final Errno ETOOMANYREFS = known(109, "ETOOMANYREFS", "Too many references: cannot splice");
    /** Connection timed out (ETIMEDOUT, 110). */
    public static final Errno ETIMEDOUT = known(110, "ETIMEDOUT", "Connection timed out");
    /** Connection refused (ECONNREFUSED, 111). */
    public static final Errno ECONNREFUSED = known(111, "ECONNREFUSED", "Connection refused");
    /** Host is down (EHOSTDOWN, 112). */
    public static final Errno EHOSTDOWN = known(112, "EHOSTDOWN", "Host is down");
    /** No route to host (EHOSTUNREACH, 113). */
    public static final Errno EHOSTUNREACH = known(113, "EHOSTUNREACH", "No route to host");
    /** Operation already in progress (EALREADY, 114). */
    public static final Errno EALREADY = known(114, "EALREADY", "Operation already in progress");
    /** Operation now in progress (EINPROGRESS, 115). */
    public static final Errno EINPROGRESS = known(115, "EINPROGRESS", "Operation now in progress");
    /** Stale file handle (ESTALE, 116). */
    public static final Errno ESTALE = known(116, "ESTALE", "Stale file handle");
    /** Structure needs cleaning (EUCLEAN, 117). */
    public static final Errno EUCLEAN = known(117, "EUCLEAN", "Structure needs cleaning");
    /** Not a XENIX named type file (ENOTNAM, 118). */
    public static final Errno ENOTNAM = known(118, "ENOTNAM", "Not a XENIX named type file");
    /** No XENIX semaphores available (ENAVAIL, 119). */
    public static final Errno ENAVAIL = known(119, "ENAVAIL", "No XENIX semaphores available");
    /** Is a named type file (EISNAM, 120). */
    public static final Errno EISNAM = known(120, "EISNAM", "Is a named type file");
    /** Remote I/O error (EREMOTEIO, 121). */
    public static final Errno EREMOTEIO = known(121, "EREMOTEIO", "Remote I/O error");
    /** Disk quota exceeded (EDQUOT, 122). */
    public static final Errno EDQUOT = known(122, "EDQUOT", "Disk quota exceeded");
    /** No medium found (ENOMEDIUM, 123). */
    public static final Errno ENOMEDIUM = known(123, "ENOMEDIUM", "No medium found");
    /** Wrong medium type (EMEDIUMTYPE, 124). */
    public static final Errno EMEDIUMTYPE = known(124, "EMEDIUMTYPE", "Wrong medium type");
    /** Operation canceled (ECANCELED, 125). */
    public static final Errno ECANCELED = known(125, "ECANCELED", "Operation canceled");
    /** Required key not available (ENOKEY, 126). */
    public static final Errno ENOKEY = known(126, "ENOKEY", "Required key not available");
    /** Key has expired (EKEYEXPIRED, 127). */
    public static final Errno EKEYEXPIRED = known(127, "EKEYEXPIRED", "Key has expired");
    /** Key has been revoked (EKEYREVOKED, 128). */
    public static final Errno EKEYREVOKED = known(128, "EKEYREVOKED", "Key has been revoked");
    /** Key was rejected by service (EKEYREJECTED, 129). */
    public static final Errno EKEYREJECTED = known(129, "EKEYREJECTED", "Key was rejected by service");
    /** Owner died (EOWNERDEAD, 130). */
    public static final Errno EOWNERDEAD = known(130, "EOWNERDEAD", "Owner died");
    /** State not recoverable (ENOTRECOVERABLE, 131). */
    public static final Errno ENOTRECOVERABLE = known(131, "ENOTRECOVERABLE", "State not recoverable");
    /** Operation not possible due to RF-kill (ERFKILL, 132). */
    public static final Errno ERFKILL = known(132, "ERFKILL", "Operation not possible due to RF-kill");
    /** Memory page has hardware error (EHWPOISON, 133). */
    public static final Errno EHWPOISON = known(133, "EHWPOISON", "Memory page has hardware error");

    /** The same error as {@link #EAGAIN}: Linux gives both names one number. */
    public static final Errno EWOULDBLOCK = EAGAIN;
    /** The same error as {@link #EDEADLK}: Linux gives both names one number. */
    public static final Errno EDEADLOCK = EDEADLK;
    /** The same error as {@link #EOPNOTSUPP}: C libraries name it so for non-socket operations. */
    public static final Errno ENOTSUP = EOPNOTSUPP;

    private final int number;
    private final String name;
    private final String description;

    private Errno(int number, String name, String description) {
        this.number = number;
        this.name = name;
        this.description = description;
    }

    private static Errno known(int number, String name, String description) {
        Errno errno = new Errno(number, name, description);
        KNOWN[number] = errno;
        return errno;
    }

    /**
     * Returns the {@code Errno} for a positive error number.
     *
     * @param number the error number, as the kernel reports it negated ({@code 9} for EBADF)
     * @return the named constant for a number Linux assigns, otherwise an {@code Errno} that keeps
     *     {@code number} and is named {@code UNKNOWN_<number>}
     * @throws IllegalArgumentException if {@code number} is zero or negative: no error has it
     */
    public static Errno of(int number) {
        if (number <= 0) {
            throw new IllegalArgumentException("an errno is positive, got " + number);
        }
        if (number <= MAX_KNOWN && KNOWN[number] != null) {
            return KNOWN[number];
        }
        return new Errno(number, "UNKNOWN_" + number, "Unknown error " + number);
    }

    /**
     * Returns the error number.
     *
     * @return the positive number, for example 9 for EBADF
     */
    public int number() {
        return number;
    }

    /**
     * Returns the kernel's symbolic name.
     *
     * @return for example {@code "EBADF"}; {@code "UNKNOWN_<number>"} for a number Linux does not name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the human-readable text.
     *
     * @return the C library's {@code strerror} text, for example {@code "Bad file descriptor"}
     */
    public String description() {
        return description;
    }

    /**
     * Tells whether Linux assigns a name to this number.
     *
     * @return {@code true} for the named constants, {@code false} for {@code UNKNOWN_<number>}
     */
    public boolean isKnown() {
        return number <= MAX_KNOWN && KNOWN[number] == this;
    }

    /**
     * Two {@code Errno}s are equal when their numbers are.
     *
     * @param other any object
     * @return whether {@code other} is an {@code Errno} with the same number
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Errno errno && errno.number == number;
    }

    /**
     * Returns the number, consistent with {@link #equals(Object)}.
     *
     * @return {@link #number()}
     */
    @Override
    public int hashCode() {
        return number;
    }

    /**
     * Returns name, number and description.
     *
     * @return for example {@code "EBADF (9): Bad file descriptor"}
     */
    @Override
    public String toString() {
        return name + " (" + number + "): " + description;
    }
}
