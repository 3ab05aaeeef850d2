import IMAPFetch

#if canImport(Glibc)
    import Glibc
#endif

exit(IMAPFetchCommand.main())
