import FTPTransfer

#if canImport(Glibc)
    import Glibc
#endif

exit(FTPTransferCommand.main())
