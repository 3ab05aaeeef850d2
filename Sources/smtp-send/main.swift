import SMTPSend

#if canImport(Glibc)
    import Glibc
#endif

exit(SMTPSendCommand.main())
