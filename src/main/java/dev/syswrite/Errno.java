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

    public static final Errno EPERM = known(1, "EPERM", "Operation not permitted");
    public static final Errno ENOENT = known(2, "ENOENT", "No such file or directory");
    public static final Errno ESRCH = known(3, "ESRCH", "No such process");
    public static final Errno EINTR = known(4, "EINTR", "Interrupted system call");
    public static final Errno EIO = known(5, "EIO", "Input/output error");
    public static final Errno ENXIO = known(6, "ENXIO", "No such device or address");
    public static final Errno E2BIG = known(7, "E2BIG", "Argument list too long");
    public static final Errno ENOEXEC = known(8, "ENOEXEC", "Exec format error");
    public static final Errno EBADF = known(9, "EBADF", "Bad file descriptor");
    public static final Errno ECHILD = known(10, "ECHILD", "No child processes");
    public static final Errno EAGAIN = known(11, "EAGAIN", "Resource temporarily unavailable");
    public static final Errno ENOMEM = known(12, "ENOMEM", "Cannot allocate memory");
    public static final Errno EACCES = known(13, "EACCES", "Permission denied");
    public static final Errno EFAULT = known(14, "EFAULT", "Bad address");
    public static final Errno ENOTBLK = known(15, "ENOTBLK", "Block device required");
    public static final Errno EBUSY = known(16, "EBUSY", "Device or resource busy");
    public static final Errno EEXIST = known(17, "EEXIST", "File exists");
    public static final Errno EXDEV = known(18, "EXDEV", "Invalid cross-device link");
    public static final Errno ENODEV = known(19, "ENODEV", "No such device");
    public static final Errno ENOTDIR = known(20, "ENOTDIR", "Not a directory");
    public static final Errno EISDIR = known(21, "EISDIR", "Is a directory");
    public static final Errno EINVAL = known(22, "EINVAL", "Invalid argument");
    public static final Errno ENFILE = known(23, "ENFILE", "Too many open files in system");
    public static final Errno EMFILE = known(24, "EMFILE", "Too many open files");
    public static final Errno ENOTTY = known(25, "ENOTTY", "Inappropriate ioctl for device");
    public static final Errno ETXTBSY = known(26, "ETXTBSY", "Text file busy");
    public static final Errno EFBIG = known(27, "EFBIG", "File too large");
    public static final Errno ENOSPC = known(28, "ENOSPC", "No space left on device");
    public static final Errno ESPIPE = known(29, "ESPIPE", "Illegal seek");
    public static final Errno EROFS = known(30, "EROFS", "Read-only file system");
    public static final Errno EMLINK = known(31, "EMLINK", "Too many links");
    public static final Errno EPIPE = known(32, "EPIPE", "Broken pipe");
    public static final Errno EDOM = known(33, "EDOM", "Numerical argument out of domain");
    public static final Errno ERANGE = known(34, "ERANGE", "Numerical result out of range");
    public static final Errno EDEADLK = known(35, "EDEADLK", "Resource deadlock avoided");
    public static final Errno ENAMETOOLONG = known(36, "ENAMETOOLONG", "File name too long");
    public static final Errno ENOLCK = known(37, "ENOLCK", "No locks available");
    public static final Errno ENOSYS = known(38, "ENOSYS", "Function not implemented");
    public static final Errno ENOTEMPTY = known(39, "ENOTEMPTY", "Directory not empty");
    public static final Errno ELOOP = known(40, "ELOOP", "Too many levels of symbolic links");
    public static final Errno ENOMSG = known(42, "ENOMSG", "No message of desired type");
    public static final Errno EIDRM = known(43, "EIDRM", "Identifier removed");
    public static final Errno ECHRNG = known(44, "ECHRNG", "Channel number out of range");
    public static final Errno EL2NSYNC = known(45, "EL2NSYNC", "Level 2 not synchronized");
    public static final Errno EL3HLT = known(46, "EL3HLT", "Level 3 halted");
    public static final Errno EL3RST = known(47, "EL3RST", "Level 3 reset");
    public static final Errno ELNRNG = known(48, "ELNRNG", "Link number out of range");
    public static final Errno EUNATCH = known(49, "EUNATCH", "Protocol driver not attached");
    public static final Errno ENOCSI = known(50, "ENOCSI", "No CSI structure available");
    public static final Errno EL2HLT = known(51, "EL2HLT", "Level 2 halted");
    public static final Errno EBADE = known(52, "EBADE", "Invalid exchange");
    public static final Errno EBADR = known(53, "EBADR", "Invalid request descriptor");
    public static final Errno EXFULL = known(54, "EXFULL", "Exchange full");
    public static final Errno ENOANO = known(55, "ENOANO", "No anode");
    public static final Errno EBADRQC = known(56, "EBADRQC", "Invalid request code");
    public static final Errno EBADSLT = known(57, "EBADSLT", "Invalid slot");
    public static final Errno EBFONT = known(59, "EBFONT", "Bad font file format");
    public static final Errno ENOSTR = known(60, "ENOSTR", "Device not a stream");
    public static final Errno ENODATA = known(61, "ENODATA", "No data available");
    public static final Errno ETIME = known(62, "ETIME", "Timer expired");
    public static final Errno ENOSR = known(63, "ENOSR", "Out of streams resources");
    public static final Errno ENONET = known(64, "ENONET", "Machine is not on the network");
    public static final Errno ENOPKG = known(65, "ENOPKG", "Package not installed");
    public static final Errno EREMOTE = known(66, "EREMOTE", "Object is remote");
    public static final Errno ENOLINK = known(67, "ENOLINK", "Link has been severed");
    public static final Errno EADV = known(68, "EADV", "Advertise error");
    public static final Errno ESRMNT = known(69, "ESRMNT", "Srmount error");
    public static final Errno ECOMM = known(70, "ECOMM", "Communication error on send");
    public static final Errno EPROTO = known(71, "EPROTO", "Protocol error");
    public static final Errno EMULTIHOP = known(72, "EMULTIHOP", "Multihop attempted");
    public static final Errno EDOTDOT = known(73, "EDOTDOT", "RFS specific error");
    public static final Errno EBADMSG = known(74, "EBADMSG", "Bad message");
    public static final Errno EOVERFLOW = known(75, "EOVERFLOW", "Value too large for defined data type");
    public static final Errno ENOTUNIQ = known(76, "ENOTUNIQ", "Name not unique on network");
    public static final Errno EBADFD = known(77, "EBADFD", "File descriptor in bad state");
    public static final Errno EREMCHG = known(78, "EREMCHG", "Remote address changed");
    public static final Errno ELIBACC = known(79, "ELIBACC", "Can not access a needed shared library");
    public static final Errno ELIBBAD = known(80, "ELIBBAD", "Accessing a corrupted shared library");
    public static final Errno ELIBSCN = known(81, "ELIBSCN", ".lib section in a.out corrupted");
    public static final Errno ELIBMAX = known(82, "ELIBMAX", "Attempting to link in too many shared libraries");
    public static final Errno ELIBEXEC = known(83, "ELIBEXEC", "Cannot exec a shared library directly");
    public static final Errno EILSEQ = known(84, "EILSEQ", "Invalid or incomplete multibyte or wide character");
    public static final Errno ERESTART = known(85, "ERESTART", "Interrupted system call should be restarted");
    public static final Errno ESTRPIPE = known(86, "ESTRPIPE", "Streams pipe error");
    public static final Errno EUSERS = known(87, "EUSERS", "Too many users");
    public static final Errno ENOTSOCK = known(88, "ENOTSOCK", "Socket operation on non-socket");
    public static final Errno EDESTADDRREQ = known(89, "EDESTADDRREQ", "Destination address required");
    public static final Errno EMSGSIZE = known(90, "EMSGSIZE", "Message too long");
    public static final Errno EPROTOTYPE = known(91, "EPROTOTYPE", "Protocol wrong type for socket");
    public static final Errno ENOPROTOOPT = known(92, "ENOPROTOOPT", "Protocol not available");
    public static final Errno EPROTONOSUPPORT = known(93, "EPROTONOSUPPORT", "Protocol not supported");
    public static final Errno ESOCKTNOSUPPORT = known(94, "ESOCKTNOSUPPORT", "Socket type not supported");
    public static final Errno EOPNOTSUPP = known(95, "EOPNOTSUPP", "Operation not supported");
    public static final Errno EPFNOSUPPORT = known(96, "EPFNOSUPPORT", "Protocol family not supported");
    public static final Errno EAFNOSUPPORT = known(97, "EAFNOSUPPORT", "Address family not supported by protocol");
    public static final Errno EADDRINUSE = known(98, "EADDRINUSE", "Address already in use");
    public static final Errno EADDRNOTAVAIL = known(99, "EADDRNOTAVAIL", "Cannot assign requested address");
    public static final Errno ENETDOWN = known(100, "ENETDOWN", "Network is down");
    public static final Errno ENETUNREACH = known(101, "ENETUNREACH", "Network is unreachable");
    public static final Errno ENETRESET = known(102, "ENETRESET", "Network dropped connection on reset");
    public static final Errno ECONNABORTED = known(103, "ECONNABORTED", "Software caused connection abort");
    public static final Errno ECONNRESET = known(104, "ECONNRESET", "Connection reset by peer");
    public static final Errno ENOBUFS = known(105, "ENOBUFS", "No buffer space available");
    public static final Errno EISCONN = known(106, "EISCONN", "Transport endpoint is already connected");
    public static final Errno ENOTCONN = known(107, "ENOTCONN", "Transport endpoint is not connected");
    public static final Errno ESHUTDOWN = known(108, "ESHUTDOWN", "Cannot send after transport endpoint shutdown");
    public static final Errno ETOOMANYREFS = known(109, "ETOOMANYREFS", "Too many references: cannot splice");
    public static final Errno ETIMEDOUT = known(110, "ETIMEDOUT", "Connection timed out");
    public static final Errno ECONNREFUSED = known(111, "ECONNREFUSED", "Connection refused");
    public static final Errno EHOSTDOWN = known(112, "EHOSTDOWN", "Host is down");
    public static final Errno EHOSTUNREACH = known(113, "EHOSTUNREACH", "No route to host");
    public static final Errno EALREADY = known(114, "EALREADY", "Operation already in progress");
    public static final Errno EINPROGRESS = known(115, "EINPROGRESS", "Operation now in progress");
    public static final Errno ESTALE = known(116, "ESTALE", "Stale file handle");
    public static final Errno EUCLEAN = known(117, "EUCLEAN", "Structure needs cleaning");
    public static final Errno ENOTNAM = known(118, "ENOTNAM", "Not a XENIX named type file");
    public static final Errno ENAVAIL = known(119, "ENAVAIL", "No XENIX semaphores available");
    public static final Errno EISNAM = known(120, "EISNAM", "Is a named type file");
    public static final Errno EREMOTEIO = known(121, "EREMOTEIO", "Remote I/O error");
    public static final Errno EDQUOT = known(122, "EDQUOT", "Disk quota exceeded");
    public static final Errno ENOMEDIUM = known(123, "ENOMEDIUM", "No medium found");
    public static final Errno EMEDIUMTYPE = known(124, "EMEDIUMTYPE", "Wrong medium type");
    public static final Errno ECANCELED = known(125, "ECANCELED", "Operation canceled");
    public static final Errno ENOKEY = known(126, "ENOKEY", "Required key not available");
    public static final Errno EKEYEXPIRED = known(127, "EKEYEXPIRED", "Key has expired");
    public static final Errno EKEYREVOKED = known(128, "EKEYREVOKED", "Key has been revoked");
    public static final Errno EKEYREJECTED = known(129, "EKEYREJECTED", "Key was rejected by service");
    public static final Errno EOWNERDEAD = known(130, "EOWNERDEAD", "Owner died");
    public static final Errno ENOTRECOVERABLE = known(131, "ENOTRECOVERABLE", "State not recoverable");
    public static final Errno ERFKILL = known(132, "ERFKILL", "Operation not possible due to RF-kill");
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
    /** Shared by every failed write that reports this errno, so the error path allocates nothing. */
    final WriteResult.Err err;

    private Errno(int number, String name, String description) {
        this.number = number;
        this.name = name;
        this.description = description;
        this.err = new WriteResult.Err(this);
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
