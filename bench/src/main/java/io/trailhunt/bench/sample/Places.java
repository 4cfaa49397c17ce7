package io.trailhunt.bench.sample;

/**
 * Source addresses of the sample day, chosen from MaxMind's test databases so that the bundled
 * GeoIP test files (job/sample-geoip) resolve them. The ASN test file knows Linköping, Milton and
 * San Diego but not Changchun or London.
 */
final class Places {
    /** Acme's office in Linköping, SE (AS29518 Bredband2). */
    static final String OFFICE_SE_1 = "89.160.20.115";
    static final String OFFICE_SE_2 = "89.160.20.140";
    /** Remote staff in Milton, WA, US (AS209). */
    static final String HOME_US = "216.160.83.58";
    static final String HOME_US_2 = "216.160.83.60";
    /** The CI runners in San Diego, US (AS721). */
    static final String CI_RUNNER = "214.78.120.10";
    /** Inside a VPC, reaching S3 through an endpoint. */
    static final String VPC_PRIVATE = "10.0.12.34";
    /** alice's home in Linköping: the same provider and city as the office, another address. */
    static final String HOME_SE = "89.160.20.130";
    /** bob's phone as a hotspot: Verizon Wireless (AS6167), placed at the centre of the US with a 1,000 km radius. */
    static final String MOBILE_US = "149.101.100.5";
    /** Where the attackers are: Changchun, CN, and a Tor exit in London (anonymous-IP test data). */
    static final String ATTACKER_CN = "175.16.199.20";
    static final String ATTACKER_CN_2 = "175.16.199.40";
    static final String ATTACKER_TOR = "81.2.69.142";
    /** Another address of the London test range: the password sprayer. */
    static final String SPRAYER = "81.2.69.160";

    /** More Tor exits in the same test network (81.2.69.0/24 is flagged as anonymous throughout). */
    static String torExit(int i) {
        return "81.2.69." + (143 + i);
    }

    private Places() {}
}
