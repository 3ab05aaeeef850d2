#!/usr/bin/env bash
# Prints the test directory as LDIF: people and groups (some with binary attributes), a
# referral object, and two bulk subtrees of 10,000 and 100,000 entries for bench/ldap-search.py.
# Usage: directory.sh CLIENT_DER_FILE
set -euo pipefail
cert_b64=$(base64 -w0 "$1")
# 64 deterministic bytes, every value 0..63 (not text: shown base64 by the tools).
photo_b64=$(python3 -c 'import base64; print(base64.b64encode(bytes(range(64))).decode())')

cat <<LDIF
dn: dc=mailtls,dc=test
objectClass: dcObject
objectClass: organization
dc: mailtls
o: mailtls tests

dn: ou=people,dc=mailtls,dc=test
objectClass: organizationalUnit
ou: people

dn: ou=groups,dc=mailtls,dc=test
objectClass: organizationalUnit
ou: groups

dn: uid=alice,ou=people,dc=mailtls,dc=test
objectClass: inetOrgPerson
uid: alice
cn: Alice Liddell
sn: Liddell
mail: alice@mailtls.test
userPassword: alicepass
jpegPhoto:: $photo_b64
userCertificate;binary:: $cert_b64

dn: uid=bob,ou=people,dc=mailtls,dc=test
objectClass: inetOrgPerson
uid: bob
cn: Bob Builder
sn: Builder
mail: bob@mailtls.test
description:: IGxlYWRpbmcgYmxhbms=
userPassword: bobpass

dn: uid=carol,ou=people,dc=mailtls,dc=test
objectClass: inetOrgPerson
uid: carol
cn:: Q2Fyb2wgTcO8bGxlcg==
sn: Carol
mail: carol@mailtls.test
employeeNumber: 42

dn: cn=staff,ou=groups,dc=mailtls,dc=test
objectClass: groupOfNames
cn: staff
member: uid=alice,ou=people,dc=mailtls,dc=test
member: uid=bob,ou=people,dc=mailtls,dc=test

dn: cn=admins,ou=groups,dc=mailtls,dc=test
objectClass: groupOfNames
cn: admins
member: uid=alice,ou=people,dc=mailtls,dc=test

dn: ou=elsewhere,dc=mailtls,dc=test
objectClass: referral
objectClass: extensibleObject
ou: elsewhere
ref: ldap://ldap.elsewhere.test/ou=elsewhere,dc=elsewhere,dc=test

LDIF
for n in 10000 100000; do
    printf 'dn: ou=bulk%s,dc=mailtls,dc=test\nobjectClass: organizationalUnit\nou: bulk%s\n\n' "$n" "$n"
    awk -v n="$n" 'BEGIN {
        for (i = 1; i <= n; i++) {
            printf "dn: uid=user%06d,ou=bulk%d,dc=mailtls,dc=test\nobjectClass: inetOrgPerson\n", i, n
            printf "uid: user%06d\ncn: Bulk User %d\nsn: User%d\nmail: user%06d@mailtls.test\n\n", i, i, i, i
        }
    }'
done
