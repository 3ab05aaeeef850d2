// placeholder: the SASL module (Cyrus libsasl2 client) is being written
