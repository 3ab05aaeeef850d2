import HTTPGet

#if canImport(Glibc)
    import Glibc
#endif

exit(HTTPGetCommand.main())
