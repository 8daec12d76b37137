using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// Every weight and threshold of detection, each with its default. A run records all of them (as JSON)
/// and their hash, so a result can always be reproduced and two runs compared. See docs/detection.md.
/// </summary>
public sealed record DetectionParameters
{
    // ---------------- shared payment instrument ----------------

    /// <summary>Weight of a link between two accounts on the same instrument used by exactly 2 accounts;
    /// it falls with rarity as (1 + ln 2) / (1 + ln n) for an instrument on n accounts.</summary>
    public double PaymentLinkWeight { get; init; } = 1.0;

    /// <summary>Instruments on at most this many accounts link every pair of them.</summary>
    public int PaymentPairwiseMaxAccounts { get; init; } = 50;

    /// <summary>Instruments on more accounts than this link nobody (a payment processor's shared token).
    /// Between the two limits each account is linked to its next <see cref="LargeGroupWindow"/> accounts only.</summary>
    public int PaymentMaxAccounts { get; init; } = 5000;

    /// <summary>Factor on a payment link when every account on the instrument declares the same organisation on
    /// an enterprise, education or research pathway: an organisation paying for its own staff is weak evidence.</summary>
    public double EnterpriseOrgCardFactor { get; init; } = 0.2;

    // ---------------- shared IPs ----------------

    /// <summary>Weight of one shared IP used by exactly 2 accounts (rarity-scaled like payments). Kept below
    /// <see cref="MinEdgeWeight"/> so one shared IP never glues two accounts alone: it takes two rare IPs or
    /// another view.</summary>
    public double IpLinkWeight { get; init; } = 0.3;

    /// <summary>An IP used by more accounts than this (campus NAT, CGNAT, VPN exit, proxy exit that also
    /// serves the public) makes no link at all; it is listed as counter-evidence instead.</summary>
    public int IpMaxAccounts { get; init; } = 30;

    // ---------------- lockstep timing ----------------

    /// <summary>Weight of a lockstep link at Jaccard ≥ <see cref="LockstepFullJaccard"/> (linear below it).</summary>
    public double LockstepLinkWeight { get; init; } = 1.0;

    /// <summary>Bucket-set Jaccard at which a lockstep link reaches its full weight.</summary>
    public double LockstepFullJaccard { get; init; } = 0.6;

    /// <summary>Time bucket width in seconds (coarse enough to hold one round-robin burst).</summary>
    public int LockstepBucketSeconds { get; init; } = 60;

    /// <summary>Accounts active in fewer buckets are not compared.</summary>
    public int LockstepMinActiveBuckets { get; init; } = 5;

    /// <summary>Minimum shared buckets of a lockstep pair.</summary>
    public int LockstepMinSharedBuckets { get; init; } = 5;

    /// <summary>Minimum Jaccard of two bucket sets.</summary>
    public double LockstepMinJaccard { get; init; } = 0.3;

    /// <summary>Observed Jaccard / Jaccard expected of independent accounts with the same densities.</summary>
    public double LockstepMinLift { get; init; } = 5;

    /// <summary>Shared buckets must cover this many distinct 15-minute slots of the day (not a cron schedule).</summary>
    public int LockstepMinPhaseSlots { get; init; } = 4;

    /// <summary>Phase slot width in minutes.</summary>
    public int LockstepPhaseSlotMinutes { get; init; } = 15;

    /// <summary>A pair is not in lockstep when more than <see cref="LockstepMaxGridShare"/> of its shared buckets fall
    /// into its busiest this-many minutes of the hour (12 covers every 5, 10, 15 and 20-minute clock grid): two
    /// independent jobs that fire on the same grid at the same offset meet in every bucket, around the clock, but only
    /// ever at the grid's minutes; the bursts of a coordinated crew start at varied times and span minutes.</summary>
    public int LockstepGridMinutes { get; init; } = 12;

    /// <summary>See <see cref="LockstepGridMinutes"/>; 1 disables the check.</summary>
    public double LockstepMaxGridShare { get; init; } = 0.8;

    /// <summary>MinHash LSH bands.</summary>
    public int LockstepBands { get; init; } = 24;

    /// <summary>MinHash values per band.</summary>
    public int LockstepRowsPerBand { get; init; } = 3;

    /// <summary>LSH groups larger than this are compared by a sliding window, not all pairs.</summary>
    public int LockstepMaxGroupSize { get; init; } = 64;

    /// <summary>Lockstep candidates verified per account at most (the most similar signatures first).</summary>
    public int LockstepMaxPartners { get; init; } = 24;

    // ---------------- tolerant lockstep on harvesting requests ----------------

    /// <summary>Runs a second lockstep pass that tolerates minutes of jitter: only requests whose capability weighs at
    /// least <see cref="HarvestLockstepMinCapabilityWeight"/> in <see cref="HarvestCapabilities"/> are bucketed, into
    /// wide buckets. A crew whose bursts are spread over ±3 minutes and hidden among resold ordinary traffic is
    /// invisible to the 60 s pass (its accounts rarely share a minute and their ordinary traffic dilutes the Jaccard);
    /// on its harvesting requests alone, in 10-minute buckets, the crew's accounts meet in most bursts.</summary>
    public bool HarvestLockstepEnabled { get; init; } = true;

    /// <summary>Requests whose capability weight is below this are left out of the tolerant pass (1.0: reasoning,
    /// grading and censorship rewriting only; ordinary chat, coding and vision traffic is noise here).</summary>
    public double HarvestLockstepMinCapabilityWeight { get; init; } = 1.0;

    /// <summary>Bucket width of the tolerant pass in seconds: wider than twice the jitter of a burst.</summary>
    public int HarvestLockstepBucketSeconds { get; init; } = 600;

    /// <summary>Weight of a tolerant lockstep link at Jaccard ≥ <see cref="HarvestLockstepFullJaccard"/> (linear below).</summary>
    public double HarvestLockstepLinkWeight { get; init; } = 1.0;

    /// <summary>Jaccard at which a tolerant lockstep link reaches its full weight.</summary>
    public double HarvestLockstepFullJaccard { get; init; } = 0.3;

    /// <summary>Accounts with fewer harvesting buckets are not compared.</summary>
    public int HarvestLockstepMinActiveBuckets { get; init; } = 8;

    /// <summary>Minimum shared wide buckets of a tolerant lockstep pair.</summary>
    public int HarvestLockstepMinSharedBuckets { get; init; } = 8;

    /// <summary>Minimum Jaccard of the two harvesting bucket sets.</summary>
    public double HarvestLockstepMinJaccard { get; init; } = 0.15;

    /// <summary>Observed Jaccard / Jaccard of independent accounts with the same densities (wide buckets make
    /// chance meetings likelier, so the lift guard matters more here).</summary>
    public double HarvestLockstepMinLift { get; init; } = 5;

    /// <summary>Shared buckets must cover this many distinct 15-minute slots of the day (not a schedule).</summary>
    public int HarvestLockstepMinPhaseSlots { get; init; } = 6;

    /// <summary>Shared buckets must fall on this many distinct days: sustained coordination, not one shared event
    /// (a hackathon's dense 36 hours, a lab's release-day sweep).</summary>
    public int HarvestLockstepMinDays { get; init; } = 5;

    /// <summary>Clock-grid guard of the tolerant pass: a pair is rejected when more than
    /// <see cref="HarvestLockstepMaxGridShare"/> of its shared buckets start at its this-many busiest bucket positions
    /// of the hour (a 10-minute bucket has 6 positions; hourly cron jobs all sit in one).</summary>
    public int HarvestLockstepGridPositions { get; init; } = 2;

    /// <summary>See <see cref="HarvestLockstepGridPositions"/>.</summary>
    public double HarvestLockstepMaxGridShare { get; init; } = 0.8;

    // ---------------- co-use of many distinct elements (CoUseView) ----------------

    /// <summary>Runs the co-use view: accounts that share more distinct IPs, subnets, ASNs, templates, clients or
    /// instruments of one kind than chance predicts (a Poisson null from the elements' degrees and the accounts'
    /// numbers of elements) are linked, with no per-element cut-off.</summary>
    public bool CoUseEnabled { get; init; } = true;

    /// <summary>Element kinds the co-use view compares: any of ip, subnet (/24 IPv4, /48 IPv6), asn, template, client,
    /// instrument. Single IPs are off by default: a campus NAT or an office egress is a small pool of addresses in one
    /// /24 that every user cycles through, so "three shared IPs" there is one shared egress; distinct /24s are not.</summary>
    public IReadOnlyList<string> CoUseKinds { get; init; } = ["subnet", "asn", "template", "client", "instrument"];

    /// <summary>Distinct shared elements of one kind a co-use link needs at least (valid: ≥ 2; one shared element,
    /// however rare, is never co-use: a home user on a campaign's proxy exit shares exactly one).</summary>
    public int CoUseMinShared { get; init; } = 3;

    /// <summary>Chance links tolerated per active account (valid: (0, 1]): the p-value level is this × active
    /// accounts / verified candidate pairs, so it tightens as the data grows instead of being a fixed constant.</summary>
    public double CoUseFalseLinksPerAccount { get; init; } = 0.01;

    /// <summary>Upper bound on the p-value level (valid: (0, 1)) for very small data sets.</summary>
    public double CoUseMaxPValue { get; init; } = 1e-3;

    /// <summary>Neighbours on each side an account meets in an element's hashed account order (valid: ≥ 1): the
    /// bounded posting-list walk that replaces all-pairs expansion (elements with ≤ 2 × walk + 1 accounts are walked
    /// whole).</summary>
    public int CoUseWalk { get; init; } = 8;

    /// <summary>Candidate partners verified per account at most (valid: ≥ 1), those met on the most elements first.</summary>
    public int CoUseMaxPartners { get; init; } = 24;

    /// <summary>Weight of a co-use link at full significance (valid: ≥ 0). The weight is this × min(1, log p /
    /// (2 × log level)): half at the level, full at the level squared.</summary>
    public double CoUseLinkWeight { get; init; } = 0.8;

    // ---------------- group synchrony (cluster feature) ----------------

    /// <summary>Bucket width (s) of group synchrony (valid: ≥ 60): the members' harvesting requests per bucket.</summary>
    public int GroupSyncBucketSeconds { get; init; } = 600;

    /// <summary>Shuffles of each null model (valid: 2..64): each member's activity is moved on its own (its time-of-day
    /// and weekday rhythm is kept, its alignment with the others is not).</summary>
    public int GroupSyncShuffles { get; init; } = 8;

    /// <summary>Group synchrony of a cluster whose members share no money and no addresses (payment sharing and concealment
    /// 0) leaves out harvesting requests within <see cref="ReleasePivotHours"/> after a model release: strangers who come
    /// back to try each launch are co-active because of the launch (the release pivot reads that move on its own); a
    /// campaign's synchrony holds between releases too. Clusters with a private tie are read over all their requests.</summary>
    public bool GroupSyncOutsideReleases { get; init; } = true;

    /// <summary>Clusters with fewer members active in harvesting get group synchrony 0 (valid: ≥ 3).</summary>
    public int GroupSyncMinMembers { get; init; } = 4;

    /// <summary>Distinct days whose co-active member pairs exceed the null's by more than three standard deviations
    /// that group synchrony needs (valid: ≥ 1): sustained coordination, not one shared event.</summary>
    public int GroupSyncMinDays { get; init; } = 5;

    /// <summary>z-score (observed co-active member pairs over the shuffles' mean, in their standard deviations) at and
    /// below which group synchrony is 0 (valid: ≥ 0).</summary>
    public double GroupSyncMinZ { get; init; } = 4;

    /// <summary>Group synchrony against the whole-day shift over the data counts only when the members' co-active pairs
    /// are at least this many times the shifted copies' (valid: ≥ 1); the members' own-span null has no such bar. A small
    /// steady excess over the shift is what any large cohort with a shared trend shows (joined over weeks and stayed,
    /// weekday work: at most 7/5 = 1.4× from the weekly rhythm).</summary>
    public double GroupSyncShiftMinRatio { get; init; } = 2;

    /// <summary>z-score at which group synchrony reaches 1 (valid: &gt; <see cref="GroupSyncMinZ"/>).</summary>
    public double GroupSyncZAtFull { get; init; } = 12;

    /// <summary>Both group-synchrony nulls move members by whole weeks rather than whole days, on data of four weeks or
    /// more (the own-span null already kept weekdays for members active two weeks or more). Every member then keeps its
    /// weekday rhythm in every null: members who follow one weekly calendar (a course's Sunday deadline) are not
    /// co-active beyond their moved selves, while a group aligned within the day (a crew, a load balancer's ticks) still
    /// is.</summary>
    public bool GroupSyncWholeWeeks { get; init; } = true;

    // ---------------- transparency and concealment (cluster features) ----------------

    /// <summary>A shared e-mail domain counts as the organisation's own when the whole population has at most this ×
    /// the cluster's size accounts on it (valid: ≥ 1): a company domain, not a webmail or throwaway provider.</summary>
    public double TransparencyDomainMaxPopulationFactor { get; init; } = 2;

    /// <summary>The populations behind <see cref="TransparencyDomainMaxPopulationFactor"/> (accounts on an e-mail domain,
    /// accounts declaring an organisation) count only accounts with a request in the snapshot, not every account ever
    /// registered: in a window that holds part of an organisation's activity (a live batch, a short period), its other
    /// colleagues are registered on its domain but idle, and counting them made a team's own domain look shared.</summary>
    public bool TransparencyActivePopulation { get; init; } = true;

    /// <summary>An institution's e-mail domain (a university's, a company's: names that two or more of its accounts
    /// declare cover at least 1 / <see cref="TransparencyDomainMaxPopulationFactor"/> of its declarers, those declarers
    /// plus vetted accounts naming nothing are at least that share of its accounts, and two of them are vetted) is the
    /// organisation's own for any cluster on it, and an account writing from it is open about the institution whether or
    /// not it declares a name: a course cohort on the department's invoice, or one project's workers in a labelling
    /// office, is part of an organisation larger than the cluster, not a crew hiding behind a shared domain.</summary>
    public bool TransparencyInstitutionDomains { get; init; } = true;

    /// <summary>Weight of transparency (members openly of one organisation: one declared name on any pathway but the
    /// reseller one, on a vetted pathway or from the organisation's own e-mail domain); negative (valid: ≤ 0). Applied
    /// to the part organisation consistency does not already count (transparency − orgConsistency), so a vetted
    /// organisation is not discounted twice.</summary>
    public double ScoreTransparency { get; init; } = -4.0;

    /// <summary>A cluster whose transparency reaches this is flagged only on release-pivot or group/harvest synchrony
    /// evidence (valid: (0, 1]; &gt; 1 disables the guard).</summary>
    public double TransparencyGuardShare { get; init; } = 0.8;

    /// <summary>The transparency guard also reads <see cref="ClusterFeatures.OpenOrganisations"/>: a cluster made of
    /// several open organisations (each member open about its own, private ties kept inside it) is guarded like one.</summary>
    public bool TransparencyPerOrganisation { get; init; } = true;

    /// <summary>Transparency counts a member that declares any organisation and writes from the cluster's own e-mail
    /// domain (<see cref="TransparencyDomainMaxPopulationFactor"/>), not only members declaring its most common name: a
    /// lab whose members name their group three ways on the university's domain is one organisation. The guard it feeds
    /// still yields to harvest synchrony and release pivots, as for one name.</summary>
    public bool TransparencyOwnDomainNamesOrganisation { get; init; } = true;

    /// <summary>On the reseller pathway a member counts as open (transparency's one-organisation reading) when it declares
    /// an organisation and writes from the cluster's own e-mail domain: an authorised partner whose sub-accounts all name
    /// it, on its domain and its invoice, hides nothing. A reseller name on webmail stays concealed, as before.</summary>
    public bool TransparencyResellerOnOwnDomain { get; init; } = true;

    /// <summary>One person's accounts are not a crew: a member whose private ties inside the cluster (money, addresses)
    /// reach only members showing its own display name, a name too rare for the coincidence to be chance (the population's
    /// share of accounts carrying it, to the power of the other members here that carry it, at most
    /// <see cref="OnePersonMaxPValue"/>), counts as open (<see cref="ClusterFeatures.OnePerson"/>): not concealed, and a cluster
    /// where that share reaches <see cref="TransparencyGuardShare"/> is guarded like one organisation (flagged only on
    /// harvest synchrony). A power user's personal and side-project accounts on one card and one home show one name; a
    /// crew's accounts show unrelated ones.</summary>
    public bool TransparencyOnePerson { get; init; } = true;

    /// <summary>The chance below which the other members' carrying a member's display name is not coincidence, for
    /// <see cref="TransparencyOnePerson"/> (valid: (0, 0.5]). It reads a name among accounts already tied by money or
    /// addresses, one test per member, not the many pair tests of co-use: a name that 1 % of the population carries or
    /// less names a person; a name shared by more (a common name, one fake name on a whole farm) does not by itself.
    /// Two unrelated accounts carry the same name with the population's collision chance whatever this bar.</summary>
    public double OnePersonMaxPValue { get; init; } = 1e-2;

    /// <summary>With <see cref="TransparencyOnePerson"/>: a tie to an account that shows no display name does not make a
    /// named member "tied to another person", and an unnamed member whose private ties all reach members read as one
    /// person (with the same name) counts as that person's account: people leave the name empty on a side project's
    /// account. Two unnamed accounts tied to each other stay what they were.</summary>
    public bool TransparencyOnePersonUnnamed { get; init; } = true;

    /// <summary>With <see cref="TransparencyOnePerson"/>: a co-location block is read per group of members joined through
    /// shared addresses, not as one block over the whole cluster, so two people at their own homes whose accounts the
    /// clustering put together (they run the same public suites) are each one person.</summary>
    public bool TransparencyOnePersonBlocks { get; init; } = true;

    /// <summary>With <see cref="TransparencyOnePersonUnnamed"/>: a named member, the only one here with its name, whose
    /// private ties reach only accounts without a name that are tied to nothing but it, and that shares with them a card
    /// no other account holds, is one person with them (a personal account and a side project's, opened without a name,
    /// on one card). Unnamed accounts tied to anyone else (to each other too, with
    /// <see cref="TransparencyOnePersonSideAccountGroups"/> off), or met only on addresses, leave it as it was.</summary>
    public bool TransparencyOnePersonSideAccount { get; init; } = true;

    /// <summary>With <see cref="TransparencyOnePersonSideAccount"/>: unnamed accounts tied to each other as well as to the
    /// one named member (a personal account and two side projects' on one card and one home) are that person's side
    /// accounts together, when every named account their group reaches shows that one name. Off: an unnamed account tied
    /// to another unnamed one is nobody's side account.</summary>
    public bool TransparencyOnePersonSideAccountGroups { get; init; } = true;

    /// <summary>With <see cref="TransparencyOnePerson"/>: a member read as one person whose shared money inside the cluster
    /// all goes to members showing its own name does not count toward payment sharing: a person paying for a personal and
    /// a side project's account with one card shares money with nobody.</summary>
    public bool OnePersonMoneyIsItsOwn { get; init; } = true;

    /// <summary>A member open about its organisation (its own domain, a vetted pathway or a rare declared name, and tied to
    /// no other organisation's member) whose shared money inside the cluster all goes to members of that organisation does
    /// not count toward payment sharing: a company's or a startup's card paid by its own people is how an organisation pays,
    /// not money hidden across identities (the money counterpart of <see cref="OnePersonMoneyIsItsOwn"/>).</summary>
    public bool OrganisationMoneyIsItsOwn { get; init; } = true;

    /// <summary>Whether the one-organisation transparency guard yields to harvest synchrony (the tolerant lockstep pass on
    /// several distinct days). Off: an open organisation's accounts running their evaluation sweeps in parallel (a
    /// leaderboard fanning each release's benchmarks over its accounts, a startup's nightly evaluations) harvest in step
    /// because they are one organisation's jobs, not because they hide anything. The one-person guard still yields.</summary>
    public bool TransparencyGuardYieldsToHarvestSynchrony { get; init; }

    /// <summary>Concealment leaves out every member open about its own organisation in the per-organisation reading
    /// (<see cref="TransparencyPerOrganisation"/>: its own domain, a vetted pathway or a rare declared name, and no private
    /// link to another organisation's member) whose co-location block, if any, holds no other organisation or undeclared
    /// account, not only the members of the cluster's most common organisation: a startup in an accelerator's cohort whose
    /// only private tie is its own company's card hides nothing.</summary>
    public bool ConcealmentReadsEveryOrganisation { get; init; } = true;

    /// <summary>With <see cref="ConsolidateConcealedBlocks"/> (valid: [0, 1]): a piece counts as an organisation, and is
    /// never joined, when at least this share of its members openly declare one (transparency, open organisations or
    /// organisation consistency). A few members on vetted pathways or naming a firm do not make a campaign's piece a team;
    /// a small share (0.01) gives the rule before session 27 (any open member kept a piece out).</summary>
    public double ConsolidationOrganisationShare { get; init; } = 0.5;

    /// <summary>Weight of concealment (members tied by shared money or infrastructure — payment or co-use links —
    /// while presenting as unrelated identities: no common organisation or own domain); valid: ≥ 0.</summary>
    public double ScoreConcealment { get; init; } = 1.0;

    /// <summary>Weight of co-use (share of members with a co-use link to another member); valid: ≥ 0.</summary>
    public double ScoreCoUse { get; init; } = 1.5;

    /// <summary>Weight of group synchrony; valid: ≥ 0.</summary>
    public double ScoreGroupSynchrony { get; init; } = 2.0;

    // ---------------- shared prompt templates ----------------

    /// <summary>Weight of a link between two accounts that concentrate on the same template used by exactly
    /// 2 accounts (rarity-scaled).</summary>
    public double PromptLinkWeight { get; init; } = 0.6;

    /// <summary>An account counts as a user of a template only when at least this share of its requests use it:
    /// a template an account uses now and then (an SDK's default prompt) glues nobody.</summary>
    public double PromptMinAccountShare { get; init; } = 0.2;

    /// <summary>... and at least this many of its requests.</summary>
    public int PromptMinRequests { get; init; } = 3;

    /// <summary>Templates with at most this many concentrated users link every pair.</summary>
    public int PromptPairwiseMaxAccounts { get; init; } = 50;

    /// <summary>Templates with more concentrated users than this link nobody.</summary>
    public int PromptMaxAccounts { get; init; } = 5000;

    // ---------------- client strings ----------------

    /// <summary>Weight of an identical client string (weak: many people use the same SDK).</summary>
    public double ClientLinkWeight { get; init; } = 0.1;

    /// <summary>Client strings used by more accounts than this make no link.</summary>
    public int ClientMaxAccounts { get; init; } = 20;

    /// <summary>In groups between the pairwise and the maximum size, each account is linked to this many next accounts.</summary>
    public int LargeGroupWindow { get; init; } = 3;

    // ---------------- graph and clustering ----------------

    /// <summary>Account–account edges (the sum of their links) lighter than this are dropped before clustering.</summary>
    public double MinEdgeWeight { get; init; } = 0.5;

    /// <summary>Seed handed to the clustering step (Leiden).</summary>
    public int ClusteringSeed { get; init; } = 42;

    /// <summary>Quality function of the clustering step: <c>cpm</c> (constant Potts model, default: no
    /// resolution limit, so a 20-account ring is not merged into its neighbours) or <c>modularity</c>.</summary>
    public string ClusteringQuality { get; init; } = "cpm";

    /// <summary>Resolution handed to the clustering step (CPM resolution for Leiden).</summary>
    public double ClusteringResolution { get; init; } = 0.05;

    // ---------------- features ----------------

    /// <summary>Capabilities that distillation harvests, with the weight a request of each counts for.</summary>
    public IReadOnlyList<WeightedName> HarvestCapabilities { get; init; } =
    [
        new("reasoning_cot", 1.0), new("rubric_grading", 1.0), new("censorship_rewrite", 1.0),
        new("agentic_coding", 0.5), new("tool_use", 0.5), new("computer_use", 0.5), new("vision", 0.5),
    ];

    /// <summary>Risk of each access pathway (mean over members is the pathway-mix feature); programs that give
    /// free credit are abused most, enterprise accounts least.</summary>
    public IReadOnlyList<WeightedName> PathwayRisks { get; init; } =
    [
        new("self_serve", 0.5), new("education", 0.8), new("security_research", 0.6), new("startup_program", 0.8),
        new("enterprise", 0.0), new("reseller", 1.0), new("other", 0.5),
    ];

    /// <summary>Hours after a release that count as the pivot window.</summary>
    public int ReleasePivotHours { get; init; } = 24;

    /// <summary>Cluster share of new-model traffic in pivot windows over the population's share at which the
    /// pivot feature reaches 1 (1× gives 0).</summary>
    public double ReleasePivotLiftAtFull { get; init; } = 4;

    /// <summary>Clusters with fewer requests inside pivot windows get a pivot feature of 0 (too little to say).</summary>
    public int ReleasePivotMinRequests { get; init; } = 20;

    /// <summary>The release pivot counts in full only when the cluster's requests on the new models harvest at least at the
    /// population's share (capability weights), in proportion below: moving fast to a new model is what distillers do to
    /// harvest it, and what enthusiasts do to try it.</summary>
    public bool ReleasePivotNeedsHarvest { get; init; } = true;

    /// <summary>Members created within this many minutes of another member count as a sign-up burst.</summary>
    public int SignupBurstMinutes { get; init; } = 10;

    /// <summary>A template counts as shared in a cluster when at least this share of members (and 2) use it.</summary>
    public double TemplateSharedMemberShare { get; init; } = 0.25;

    /// <summary>A template fewer members use also counts as shared when the cluster holds it: two or more of its concealed
    /// members (tied through money or addresses, open about no organisation) use it and so many of all its users are such
    /// members that chance (each user one with probability their share of all account–template uses; a binomial tail, its Chernoff bound) gives at most this p-value (the co-use view's level,
    /// <see cref="CoUseMaxPValue"/>), provided they belong to more than one organisation and the concealed members who each
    /// run <see cref="CoUseMinShared"/> or more such held templates are at least <see cref="TemplateSharedMemberShare"/> of
    /// the cluster. An operator that spreads its prompts thin over hundreds of templates gives every one to a few per cent
    /// of its accounts, yet nobody outside runs them. 0 turns it off.</summary>
    public double TemplateHeldMaxPValue { get; init; } = 1e-3;

    /// <summary>A cluster also holds a pool of templates when it holds more distinct templates than chance gives among the
    /// ones it could hold (a Poisson tail of the count against <see cref="TemplateHeldMaxPValue"/> times the templates tested,
    /// at most <see cref="TemplateHeldMaxPValue"/>), even when few members run <see cref="CoUseMinShared"/> of them: a farm
    /// whose accounts send a handful of work prompts a week among much resold or camouflage traffic gives each account one
    /// or two of the pool's templates. Its content is then read by members, not by requests
    /// (<see cref="ClusterFeatures.TemplatePool"/>: the share of members who run a held template), which camouflage does not
    /// dilute. Off: held templates need the members' bar alone, and the template reading is the requests' share.</summary>
    public bool TemplatePoolByMembers { get; init; } = true;

    /// <summary>The screen of the pool reading (<see cref="TemplatePoolByMembers"/>): a template passes when the binomial tail
    /// of its concealed users in the cluster, against their share of the uses of templates two or more accounts run, is at
    /// most this p-value; the pool is held when more templates pass than this share of those tested gives by chance.</summary>
    public double TemplatePoolScreenPValue { get; init; } = 0.05;

    /// <summary>Share of a cluster's harvesting requests whose time span is the harvesting-span feature: the span from
    /// the (1 − share) / 2 to the (1 + share) / 2 quantile of their times, so a few stray requests before or after do not
    /// stretch a one-off event into a long campaign.</summary>
    public double HarvestSpanShare { get; init; } = 0.9;

    /// <summary>Cluster size at which the size feature reaches 1 (log scale).</summary>
    public int SizeAtFull { get; init; } = 50;

    /// <summary>Median requests per member over the population's median per active account at which the
    /// volume feature reaches 1 (log scale; 1× gives 0).</summary>
    public double VolumeLiftAtFull { get; init; } = 20;

    // ---------------- scoring: riskScore = sigmoid(bias + Σ weight × feature) ----------------

    /// <summary>Weight of synchrony (share of members in lockstep with another member).</summary>
    public double ScoreSynchrony { get; init; } = 2.0;

    /// <summary>Weight of harvest synchrony (share of members in the tolerant lockstep pass over harvesting requests),
    /// on top of synchrony: harvesting in step is the most direct sign of distillation, and unlike capability
    /// concentration it does not fade as resold or camouflage traffic grows.</summary>
    public double ScoreHarvestSynchrony { get; init; } = 2.0;

    /// <summary>Weight of template concentration (share of traffic on templates shared across members).</summary>
    public double ScoreTemplate { get; init; } = 2.5;

    /// <summary>Weight of capability concentration (weighted share of traffic on harvested capabilities).</summary>
    public double ScoreCapability { get; init; } = 2.5;

    /// <summary>Weight of release-pivot speed.</summary>
    public double ScoreReleasePivot { get; init; } = 2.0;

    /// <summary>Weight of payment sharing (share of members on a shared instrument).</summary>
    public double ScorePayment { get; init; } = 1.5;

    /// <summary>Weight of the pathway mix.</summary>
    public double ScorePathway { get; init; } = 1.0;

    /// <summary>Weight of sign-up bursts.</summary>
    public double ScoreSignupBurst { get; init; } = 0.5;

    /// <summary>Weight of size.</summary>
    public double ScoreSize { get; init; } = 0.5;

    /// <summary>Weight of volume.</summary>
    public double ScoreVolume { get; init; } = 1.5;

    /// <summary>Weight of organisational consistency (members of one declared organisation on an enterprise,
    /// education or research pathway): negative, it is the mark of a lab or an office team.</summary>
    public double ScoreOrgConsistency { get; init; } = -4.0;

    /// <summary>Bias of the logistic score.</summary>
    public double ScoreBias { get; init; } = -6.0;

    /// <summary>A cluster is flagged only when its riskScore reaches this ...</summary>
    public double FlagThreshold { get; init; } = 0.5;

    /// <summary>... and it harvests: capability concentration, release pivot or (when
    /// <see cref="HarvestSynchronyCountsAsHarvest"/>) harvest synchrony reaches this ...</summary>
    public double FlagMinHarvest { get; init; } = 0.4;

    /// <summary>Harvest synchrony (share of members in the tolerant lockstep pass, which only sees harvesting
    /// requests) counts as a harvesting signal: members that harvest in step with each other harvest, however much
    /// resold ordinary traffic dilutes their capability concentration (a hydra account resells 50–90 % ordinary traffic).</summary>
    public bool HarvestSynchronyCountsAsHarvest { get; init; } = true;

    /// <summary>Group synchrony (the crowd moving as one) counts as a harvesting signal too. Off by default: a course
    /// before its deadline or a workshop's exercise bursts move as one without harvesting more than anybody else; a
    /// crowd's synchrony is coordination (it still counts there and in the score), not evidence of what it takes.</summary>
    public bool GroupSynchronyCountsAsHarvest { get; init; }

    /// <summary>A concealed block on shared money counts as harvesting (the reseller reading) when its members pay through
    /// at least this many distinct instruments shared across organisations (<see cref="ClusterFeatures.ConcealedInstruments"/>)
    /// and their shares of payment sharing, concealment and co-use each reach <see cref="FlagMinCoordination"/> (valid:
    /// 0 = off, or 1–1,000,000). A reseller's farm mostly sells ordinary traffic, so it harvests at the population's level
    /// by construction; it is one operator's money spread over many unrelated identities on shared exits. A family or an
    /// office pays with one card; an accelerator's startups each pay openly with their own, which does not count.</summary>
    public int ResellerMinConcealedInstruments { get; init; } = 3;

    /// <summary>The harvesting a cluster shows (capability concentration, or the harvest share of its shared prompts) must
    /// exceed the population's own harvest share by this fraction of what lies above it: harvesting ≥ max(
    /// <see cref="FlagMinHarvest"/>, population + this × (1 − population)). Where ordinary users already spend half their
    /// requests on reasoning and grading, a team doing the same is ordinary; a campaign takes more. The level comes from
    /// the data; 0 leaves only <see cref="FlagMinHarvest"/>.</summary>
    public double FlagMinHarvestExcess { get; init; } = 0.1;

    /// <summary>A flagged cluster keeps only members with a tie to it beyond addresses and public software: money, timing,
    /// prompts or a co-location group. A member linked to it only through shared IPs, subnets, ASNs or client strings (a
    /// VPN's ordinary user on the exit a ring rents) leaves it as a singleton.</summary>
    public bool FlaggedMembersNeedATie { get; init; } = true;

    /// <summary>A flagged cluster's member that pays with its declared organisation's money (an instrument it shares with an
    /// account outside the cluster, in a cluster that is not flagged, declaring the same organisation) and shares no money
    /// or timing with a member of another organisation (or of none) in the cluster leaves it as a singleton, while fewer
    /// than half the accounts that declare its organisation are in flagged clusters: a company's CI account that runs the same public benchmarks as
    /// a campaign belongs to its company, not to the campaign.</summary>
    public bool FlaggedMembersPayingWithTheirOrganisationLeave { get; init; } = true;

    /// <summary>Unflagged clusters that present no organisation and lie mostly in one community of a second, modularity
    /// partition of the same graph are joined into one cluster when the union is flagged with its timing signals set
    /// aside (money and infrastructure): the pieces CPM's density bar cuts a large concealed block into.</summary>
    public bool ConsolidateConcealedBlocks { get; init; } = true;

    /// <summary>After block consolidation, concealed pieces whose members share <see cref="CoUseMinShared"/> or more distinct
    /// busy addresses and as many distinct shared templates are tried as one union as well, under the same rules (scored
    /// with timing set aside, kept only when flagged). Off: only the modularity blocks of the link graph are consolidated.</summary>
    public bool ConsolidateAddressPools { get; init; } = true;

    /// <summary>In a flagged cluster, the members of one declared organisation (fewer than half of it) whose every tie to the
    /// rest is content or addresses (shared or co-used prompts, client strings, IPs, networks, a co-location group; no money,
    /// timing or shared instrument) leave together as a cluster of their own, scored on its own. Off: they stay.</summary>
    public bool ContentOnlyOrganisationsLeave { get; init; } = true;

    /// <summary>The harvest share of the requests on templates many members share counts as harvesting (in the score and
    /// the harvesting signal) when higher than the capability concentration, in proportion to those templates' share of
    /// the traffic (full from <see cref="FlagMinCoUseTemplate"/>): resold or camouflage traffic dilutes a campaign's
    /// capability concentration, not the harvest share of the prompts its accounts run in common.</summary>
    public bool SharedTemplateHarvestCounts { get; init; } = true;

    /// <summary>... and it is coordinated: synchrony, template concentration or payment sharing reaches this.</summary>
    public double FlagMinCoordination { get; init; } = 0.5;

    /// <summary>Co-use (≥ <see cref="FlagMinCoordination"/>) counts as coordination only together with at least this
    /// template concentration (valid: [0, 1]; &gt; 1 never): shared infrastructure alone is what a VPN provider's users
    /// have too; shared infrastructure and shared content is a campaign's tooling.</summary>
    public double FlagMinCoUseTemplate { get; init; } = 0.25;

    /// <summary>A cluster's members are co-located when they meet each other on their IP addresses at least this many
    /// times more often than the addresses' populations predict (and beyond <see cref="CoUseMaxPValue"/> under a Poisson
    /// null): then every member that shares an address with another member counts as tied through infrastructure for
    /// concealment, when the cluster holds enough of whom it meets there (<see cref="ColocationMinInsideShare"/>): an
    /// operator's exit pool carries its own accounts far beyond their share of the population; strangers who run the
    /// same software each connect from their own home.</summary>
    public double ColocationMinLift { get; init; } = 2.0;

    /// <summary>A co-located member counts as tied through its addresses for concealment only when the cluster holds at
    /// least this share of the other accounts it meets on the addresses it shares with other members (valid: [0, 1]; 0
    /// counts every shared address): an exit pool an operator holds carries mostly its own accounts, while a team at a
    /// venue, a class on a campus network or users of one office NAT meet a crowd there, and the address is the
    /// crowd's, not a private tie.</summary>
    public double ColocationMinInsideShare { get; init; } = 0.5;

    /// <summary>Group-level co-location (<see cref="ColocationView"/>): partition the account × shared-address graph by
    /// modularity and link the members of every group that meets on its addresses beyond chance.</summary>
    public bool ColocationEnabled { get; init; } = true;

    /// <summary>Modularity resolution of the co-location partition (valid: (0, 100]); 1 is plain modularity, whose null is
    /// the degree-preserving random graph.</summary>
    public double ColocationResolution { get; init; } = 1.0;

    /// <summary>Leiden iterations of the co-location partition (valid: −1 = until stable, or 1–1000). Addresses with
    /// thousands of accounts make every iteration costly; the partition is nearly settled after the first two.</summary>
    public int ColocationMaxIterations { get; init; } = 2;

    /// <summary>A co-location group keeps the accounts that use at least this many of its addresses (valid: 2–1000): one
    /// address in common is where a home user and a proxy exit's other users meet.</summary>
    public int ColocationMinAddresses { get; init; } = 2;

    /// <summary>Smallest co-location group that is linked (valid: 2–1,000,000); two accounts are the pair views' business.</summary>
    public int ColocationMinMembers { get; init; } = 3;

    /// <summary>After a first scoring, a cluster that is not flagged, declares no organisation, and has at least
    /// <see cref="ColocationAbsorbMinInsideShare"/> of its members in one co-location group (a crew the clustering formed from a
    /// shared card or address inside a reseller's exit pool) joins
    /// the group's adopted cluster when that cluster is flagged on its own and the joined members still pass the group's
    /// peeling and test; flagged clusters are never touched.</summary>
    public bool ColocationAbsorbUnflagged { get; init; } = true;

    /// <summary>The share of a crew's members that must be in the flagged group for the crew to join it (valid: (0, 1]). Half:
    /// a pair joins when one of its two accounts fills the operator's exits with the group. In a pool of thousands of
    /// exits rotated per request the group's peeling keeps only accounts that meet other members on two of its addresses,
    /// so a crew's second account is often left outside; the crew's own link (a card, an address) ties it, and the members
    /// in the group must still pass the group's test with it.</summary>
    public double ColocationAbsorbMinInsideShare { get; init; } = 0.5;

    /// <summary>Weight of a co-location link at full significance (valid: ≥ 0): this × min(1, log p / (2 × log level)).</summary>
    public double ColocationLinkWeight { get; init; } = 0.6;

    /// <summary>A cluster whose harvesting span is at most this many days is a one-off event (a hackathon, a class, a
    /// release-day sweep): its shared invoice, notebook template, harvesting exercises and sign-up burst all come from
    /// the event itself, so it is flagged only on evidence the event does not explain: a release pivot or harvest
    /// synchrony (the tolerant pass links only pairs in step on several distinct days) reaching
    /// <see cref="FlagMinHarvest"/>. Campaigns that run over more days are not affected. 0 disables the guard.</summary>
    public double OneOffEventMaxSpanDays { get; init; } = 2.0;

    // ---------------- attribution ----------------

    /// <summary>A single matched indicator kind attributes a cluster only if some matched indicator has at least this confidence.</summary>
    public double AttributionMinSingleConfidence { get; init; } = 0.5;

    /// <summary>When no matched indicator reaches <see cref="AttributionMinSingleConfidence"/>, a weak indicator counts
    /// toward attribution only if it matches at least this many members: weak kinds (an ASN, a popular client) describe
    /// many innocent users, so one member matching two of them is coincidence, not two independent kinds.</summary>
    public int AttributionWeakMinMembers { get; init; } = 3;

    /// <summary>Combined confidence (1 − Π(1 − per-kind score)) needed to attribute.</summary>
    public double AttributionThreshold { get; init; } = 0.5;

    /// <summary>Share of members an indicator must reach for its full weight.</summary>
    public double AttributionCoverageAtFull { get; init; } = 0.2;

    /// <summary>Coverage factor of an indicator that reaches one member (linear up to 1 at full coverage).</summary>
    public double AttributionMinCoverageFactor { get; init; } = 0.5;

    /// <summary>Share of members the attributed operator's matched indicators must reach together (valid: [0, 1]): an
    /// indicator on one member of a team cannot name the team's operator. Recorded as the attribution's coverage.</summary>
    public double AttributionMinCoverage { get; init; } = 0.2;

    /// <summary>... unless indicators of at least <see cref="AttributionMinSingleConfidence"/> reach this many members
    /// (valid: ≥ 2; one member never names a cluster's operator, however strong its indicator).</summary>
    public int AttributionMinStrongMembers { get; init; } = 2;

    /// <summary>Factor on client-string indicators (valid: [0, 1]): a client string names software anyone can
    /// download, so it is weak by nature whatever confidence its source gave it.</summary>
    public double AttributionClientFactor { get; init; } = 0.5;

    /// <summary>A flagged cluster no indicator reaches is attributed to the operator of a flagged, indicator-attributed
    /// cluster when at least this share of its members each use <see cref="AttributionThroughMinElements"/> or more of the
    /// addresses and payment instruments that two or more of that cluster's members use (valid: [0, 1]; 0 = off). An
    /// element used in common by clusters of two operators counts for neither; an indicator of another operator on any
    /// member stops it; an attribution reached this way is never a source itself. A reseller's crew formed apart from its
    /// main block (from its own card) rides the block's exits; a home user behind one of those exits uses one of them.</summary>
    public double AttributionThroughMinShare { get; init; } = 0.5;

    /// <summary>Distinct shared elements of the attributed cluster a member must use to count for
    /// <see cref="AttributionThroughMinShare"/> (valid: 1–1,000,000): a count of distinct elements, as co-use reads them.</summary>
    public int AttributionThroughMinElements { get; init; } = 3;

    // ---------------- evidence and lineage ----------------

    /// <summary>An IP or instrument shared with at least this many accounts outside the cluster is listed as counter-evidence.</summary>
    public int CounterEvidenceMinOutside { get; init; } = 5;

    /// <summary>Most counter-evidence items kept per cluster.</summary>
    public int CounterEvidenceMax { get; init; } = 10;

    /// <summary>Example requests kept per evidence link.</summary>
    public int EvidenceMaxExamples { get; init; } = 3;

    /// <summary>A new cluster keeps a previous cluster's id when their Jaccard overlap reaches this.</summary>
    public double LineageMinJaccard { get; init; } = 0.3;

    /// <summary>In split/merge detection a part counts when it holds at least this share of the other cluster.</summary>
    public double LineageMinPartShare { get; init; } = 0.2;

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };

    /// <summary>The parameters as JSON (what a run stores).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Parameters read back from <see cref="ToJson"/>; missing properties keep their defaults.</summary>
    public static DetectionParameters FromJson(string json) =>
        JsonSerializer.Deserialize<DetectionParameters>(json, JsonOptions) ?? new DetectionParameters();

    /// <summary>Hex SHA-256 of <see cref="ToJson"/>: equal parameters give equal hashes.</summary>
    public string ComputeHash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToJson())));

    /// <summary>Record equality compares lists by reference; runs compare parameters by hash instead.</summary>
    public bool Equals(DetectionParameters? other) => other is not null && ComputeHash() == other.ComputeHash();

    public override int GetHashCode() => ComputeHash().GetHashCode(StringComparison.Ordinal);
}
