// placeholder: MailStore is being written
