/// The requests that decide admin status, for one account.
///
/// *IAM admin* (can recover the account or make new admins): every `iam` probe
/// is allowed: on a user of the account other than the caller, deactivate,
/// create and enable an MFA device, create or update a login profile, create an
/// access key, attach or put a user policy.
///
/// *Full admin*: the IAM probes plus requests across services: IAM on roles,
/// `sts:AssumeRole`, `organizations:*`, control- and data-plane actions on
/// specific ARNs, and an action of a service that does not exist yet
/// (`newservice:NewAction`), which only `*`-style or `NotAction` grants allow.
/// A grant that leaves out a few resources nobody probes (`NotResource` one
/// bucket) is still full admin: with IAM admin the rest is one policy away.
/// docs/admin-analysis.md lists the set; keep the two in step.
struct AdminProbes: Sendable {
    struct Probe: Sendable {
        let action: String
        let actionLower: [UInt8]
        let resource: ProbeARN
        init(_ action: String, _ resource: String) {
            self.action = action; actionLower = Wildcard.lowercased(action); self.resource = ProbeARN(resource)
        }
    }

    let iam: [Probe]
    /// The IAM probes first, then the rest.
    let full: [Probe]

    init(partition: String, account: String) {
        let iamARN = "arn:\(partition):iam::\(account):"
        // A user on a path, named unlike anyone: "any user of the account", never the caller itself.
        let user = iamARN + "user/credlint-probe/any-user"
        let mfa = iamARN + "mfa/credlint-probe-device"
        iam = [
            Probe("iam:DeactivateMFADevice", user),
            Probe("iam:CreateVirtualMFADevice", mfa),
            Probe("iam:EnableMFADevice", user),
            Probe("iam:CreateLoginProfile", user),
            Probe("iam:UpdateLoginProfile", user),
            Probe("iam:CreateAccessKey", user),
            Probe("iam:AttachUserPolicy", user),
            Probe("iam:PutUserPolicy", user),
        ]
        let region = "us-east-1"
        let role = iamARN + "role/credlint-probe-role"
        full = iam + [
            Probe("iam:CreateUser", user),
            Probe("iam:AttachRolePolicy", role),
            Probe("iam:UpdateAssumeRolePolicy", role),
            Probe("sts:AssumeRole", role),
            Probe("organizations:LeaveOrganization", "*"),
            Probe("organizations:CreateAccount", "*"),
            Probe("ec2:DescribeInstances", "*"),
            Probe("ec2:RunInstances", "arn:\(partition):ec2:\(region):\(account):instance/*"),
            Probe("s3:GetObject", "arn:\(partition):s3:::credlint-probe-bucket/any-object"),
            Probe("s3:PutBucketPolicy", "arn:\(partition):s3:::credlint-probe-bucket"),
            Probe("kms:Decrypt", "arn:\(partition):kms:\(region):\(account):key/credlint-probe-key"),
            Probe("dynamodb:PutItem", "arn:\(partition):dynamodb:\(region):\(account):table/credlint-probe"),
            Probe("lambda:InvokeFunction", "arn:\(partition):lambda:\(region):\(account):function:credlint-probe"),
            Probe("secretsmanager:GetSecretValue",
                  "arn:\(partition):secretsmanager:\(region):\(account):secret:credlint-probe-AbCdEf"),
            Probe("cloudtrail:StopLogging", "arn:\(partition):cloudtrail:\(region):\(account):trail/credlint-probe"),
            Probe("newservice:NewAction", "*"),
        ]
    }
}
