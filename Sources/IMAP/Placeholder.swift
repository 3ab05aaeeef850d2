// placeholder: IMAP is being written
