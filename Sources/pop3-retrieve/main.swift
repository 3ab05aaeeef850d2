import POP3Retrieve

#if canImport(Glibc)
    import Glibc
#endif

exit(POP3RetrieveCommand.main())
