package io.trailhunt.events.decode.aws;

/**
 * The ARNs the CloudTrail decoder builds when a record leaves one out, and what rules read back
 * from IAM user ARNs.
 */
public final class AwsArns {
    /**
     * What CloudTrail writes as the user name of a console sign-in for a name the account does not
     * have (it does not log what was typed, in case it was a password).
     */
    public static final String HIDDEN_USER_NAME = "HIDDEN_DUE_TO_SECURITY_REASONS";

    private static final String IAM_USER = ":user/";

    private AwsArns() {}

    /**
     * The partition of a region: {@code aws-cn} for China, {@code aws-us-gov} for GovCloud, the ISO
     * partitions for theirs, {@code aws} for every other region and when the record names none.
     */
    public static String partition(String region) {
        if (region == null) {
            return "aws";
        }
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        if (region.startsWith("us-iso-")) {
            return "aws-iso";
        }
        if (region.startsWith("us-isob-")) {
            return "aws-iso-b";
        }
        if (region.startsWith("eu-isoe-")) {
            return "aws-iso-e";
        }
        return region.startsWith("us-isof-") ? "aws-iso-f" : "aws";
    }

    /** {@code arn:<partition>:iam::<account>:user/<name>}: without the user's path, which the record does not give. */
    public static String iamUser(String partition, String account, String userName) {
        return "arn:" + partition + ":iam::" + account + IAM_USER + userName;
    }

    public static String root(String partition, String account) {
        return "arn:" + partition + ":iam::" + account + ":root";
    }

    /**
     * An IAM user's ARN without its path ({@code arn:aws:iam::111122223333:user/eng/bob} →
     * {@code arn:aws:iam::111122223333:user/bob}); anything else unchanged. A user's name is unique
     * in its account whatever its path, and records that carry no ARN (failed sign-ins) give no path.
     */
    public static String withoutPath(String principal) {
        int user = principal == null ? -1 : principal.indexOf(IAM_USER);
        if (user < 0 || !principal.startsWith("arn:") || !principal.contains(":iam::")) {
            return principal;
        }
        return principal.substring(0, user + IAM_USER.length()) + principal.substring(principal.lastIndexOf('/') + 1);
    }
}
