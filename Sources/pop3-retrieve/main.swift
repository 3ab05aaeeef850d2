import CLI
#if canImport(Glibc)
import Glibc
#endif

exit(POP3RetrieveCommand.main())
