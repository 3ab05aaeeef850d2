import Audit

#if canImport(Glibc)
    import Glibc
#endif

exit(AuditCommand.main())
