# shellcheck shell=bash
# Server plugin: DNS for the audit tool (ports 18053, 18054). nsd serves three test zones on
# 127.0.0.1:$DNS_AUTH_PORT, signed at every start with ldns-signzone: mailtls.test (good
# DNSSEC; MX, A/AAAA, TLSA from run/certs, MTA-STS and TLS-RPT TXT; broken.mailtls.test for the
# audit's DANE/MTA-STS/TLS-RPT failures), bogus.test (every
# signature expired: bogus) and unsigned.test (no DNSSEC: insecure). unbound on
# 127.0.0.1:$DNS_RESOLVER_PORT validates them with the DS records written to
# $RUN/dns/trust-anchors.ds and answers nothing else. All state in $RUN/dns.
# Sourced by testservers/start and testservers/stop after lib.sh; see README.md.

DNS_DIR=$RUN/dns
DNS_TEMPLATES=$TS_DIR/servers/dns
DNS_SIGNED_ZONES=(mailtls.test bogus.test)
DNS_UNSIGNED_ZONES=(unsigned.test)

dns_ports() {
    echo "$DNS_AUTH_PORT" "$DNS_RESOLVER_PORT"
}

dns_logs() {
    echo "$DNS_DIR/logs/nsd.log" "$DNS_DIR/logs/unbound.log" "$DNS_DIR/logs/nsd.out" "$DNS_DIR/logs/unbound.out"
}

# Prints the lowercase hex SHA-256 of the DER SubjectPublicKeyInfo of a PEM key or certificate.
_dns_spki_sha256() {
    local pub
    case $(head -c 64 "$1") in
        *CERTIFICATE*) pub=$(openssl x509 -in "$1" -noout -pubkey) ;;
        *) pub=$(openssl pkey -in "$1" -pubout) ;;
    esac
    openssl pkey -pubin -outform DER <<<"$pub" | openssl dgst -sha256 -r | cut -d' ' -f1
}

# The key pair (KSK and ZSK, ECDSA P-256) of ZONE, made once; prints the two key file bases.
_dns_keys() {
    local zone=$1 dir=$DNS_DIR/keys/$1 k
    if [[ ! -s $dir/ksk || ! -s $dir/zsk ]]; then
        rm -rf "$dir"
        mkdir -p "$dir"
        (cd "$dir" && ldns-keygen -a ECDSAP256SHA256 -k "$zone" >ksk && ldns-keygen -a ECDSAP256SHA256 "$zone" >zsk) ||
            die "dns: ldns-keygen failed for $zone"
    fi
    for k in ksk zsk; do printf '%s/%s\n' "$dir" "$(cat "$dir/$k")"; done
}

# Writes the zone files (signed ones with fresh signatures) and the trust anchors.
_dns_zones() {
    local z keys SERIAL TLSA_SERVER_SPKI_SHA256 TLSA_STALE_SPKI_SHA256 TLSA_CA_CERT_SHA256 expire
    SERIAL=$(date -u +%s)
    TLSA_SERVER_SPKI_SHA256=$(_dns_spki_sha256 "$CERTS/server.pem")
    TLSA_STALE_SPKI_SHA256=$(_dns_spki_sha256 "$CERTS/other-key.pem")
    TLSA_CA_CERT_SHA256=$(openssl x509 -in "$CERTS/ca.pem" -outform DER | openssl dgst -sha256 -r | cut -d' ' -f1)
    local vars=(SERIAL TLSA_SERVER_SPKI_SHA256 TLSA_STALE_SPKI_SHA256 TLSA_CA_CERT_SHA256)
    mkdir -p "$DNS_DIR/zones"
    : >"$DNS_DIR/trust-anchors.ds.tmp"
    for z in "${DNS_SIGNED_ZONES[@]}" "${DNS_UNSIGNED_ZONES[@]}"; do
        render_template "$DNS_TEMPLATES/$z.zone.in" "$DNS_DIR/zones/$z.zone" "${vars[@]}"
    done
    for z in "${DNS_SIGNED_ZONES[@]}"; do
        mapfile -t keys < <(_dns_keys "$z")
        # bogus.test: signatures valid in 2019 only.
        expire=()
        [[ $z == bogus.test ]] && expire=(-i 20190101000000 -e 20200101000000)
        ldns-signzone -n "${expire[@]}" -f "$DNS_DIR/zones/$z.zone.signed" "$DNS_DIR/zones/$z.zone" "${keys[@]}" ||
            die "dns: ldns-signzone failed for $z"
        cat "${keys[0]}.ds" >>"$DNS_DIR/trust-anchors.ds.tmp"
    done
    mv "$DNS_DIR/trust-anchors.ds.tmp" "$DNS_DIR/trust-anchors.ds"
}

start_dns() {
    local tool
    for tool in nsd unbound ldns-keygen ldns-signzone; do
        command -v "$tool" >/dev/null || die "dns: $tool not found (apt-get install nsd unbound ldnsutils)"
    done
    local d=$DNS_DIR
    mkdir -p "$d/logs" "$d/nsd" "$d/unbound"
    _dns_zones
    local vars=(DNS_DIR DNS_AUTH_PORT DNS_RESOLVER_PORT)
    render_template "$DNS_TEMPLATES/nsd.conf.in" "$d/nsd.conf" "${vars[@]}"
    render_template "$DNS_TEMPLATES/unbound.conf.in" "$d/unbound.conf" "${vars[@]}"
    nsd-checkconf "$d/nsd.conf" || die "dns: nsd-checkconf $d/nsd.conf failed"
    unbound-checkconf "$d/unbound.conf" >/dev/null || die "dns: unbound-checkconf $d/unbound.conf failed"
    # -d: nsd and unbound stay in the foreground, so the recorded pid is theirs.
    setsid nsd -d -c "$d/nsd.conf" </dev/null >"$d/logs/nsd.out" 2>&1 &
    record_pid dns.nsd "$!"
    setsid unbound -d -c "$d/unbound.conf" </dev/null >"$d/logs/unbound.out" 2>&1 &
    record_pid dns.unbound "$!"
}
