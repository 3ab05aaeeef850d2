// placeholder: the SMTP module is being written
