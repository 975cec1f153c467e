/** A consumer of syswrite on the module path: it reads syswrite's API and SLF4J's, nothing else. */
module dev.syswrite.consumer {
    requires dev.syswrite;
    requires org.slf4j;
}
