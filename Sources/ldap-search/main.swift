import LDAPSearch

#if canImport(Glibc)
    import Glibc
#endif

exit(LDAPSearchCommand.main())
