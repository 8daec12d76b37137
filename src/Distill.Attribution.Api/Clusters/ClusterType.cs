using Distill.Attribution.Api.Paging;
using Distill.Attribution.Application.Accounts;
using Distill.Attribution.Application.Cases.ListOperatorOverrides;
using Distill.Attribution.Application.Cases.ListVerdicts;
using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Application.Clusters.GetClusterActivity;
using Distill.Attribution.Application.Clusters.GetSharedInfrastructure;
using Distill.Attribution.Domain.Detection;
using Distill.GraphQL.TypeSystem;

namespace Distill.Attribution.Api.Clusters;

/// <summary>The <c>Cluster</c> type and the types only it uses (features, evidence, counter-evidence, lineage, activity).</summary>
internal static class ClusterType
{
    public static void Register(SchemaBuilder b, ConnectionTypes connections)
    {
        var indicator = b.Object<MatchedIndicator>("MatchedIndicator", "An operator indicator that matched members of the cluster.");
        indicator.Field("operatorId").Type(Types.NonNull(Types.ID)).ResolveFrom<MatchedIndicator>(i => i.OperatorId)
            .Field("kind").Type(Types.NonNull(Types.String)).ResolveFrom<MatchedIndicator>(i => i.Kind)
            .Field("value").Type(Types.NonNull(Types.String)).ResolveFrom<MatchedIndicator>(i => i.Value)
            .Field("confidence").Type(Types.NonNull(Types.Float)).ResolveFrom<MatchedIndicator>(i => i.Confidence)
            .Field("source").Type(Types.String).ResolveFrom<MatchedIndicator>(i => i.Source)
            .Field("matchedMembers").Type(Types.NonNull(Types.Int)).ResolveFrom<MatchedIndicator>(i => i.MatchedMembers)
            .Field("exampleMembers").Type(Types.NonNullList(Types.ID)).ResolveFrom<MatchedIndicator>(i => i.ExampleMembers);

        var tie = b.Object<InfrastructureTie>("InfrastructureTie",
            "How a flagged cluster that no indicator reaches is tied to an attributed one: most of its members each use several of the addresses and payment instruments that cluster's members use in common.");
        tie.Field("sourceClusterId").Type(Types.NonNull(Types.ID)).Description("The attributed cluster whose infrastructure the members ride.").ResolveFrom<InfrastructureTie>(t => t.SourceClusterId)
            .Field("ridingMembers").Type(Types.NonNull(Types.Int)).Description("Members that each use at least AttributionThroughMinElements of its shared elements.").ResolveFrom<InfrastructureTie>(t => t.RidingMembers)
            .Field("sharedElements").Type(Types.NonNull(Types.Int)).Description("Distinct shared addresses and payment instruments of the operator's clusters that the members use.").ResolveFrom<InfrastructureTie>(t => t.SharedElements)
            .Field("exampleElements").Type(Types.NonNullList(Types.String)).Description("A few of them (ip:…, payment:… by opaque fingerprint).").ResolveFrom<InfrastructureTie>(t => t.ExampleElements);

        var @operator = b.Object<OperatorInfo>("Operator", "The suspected operator of a cluster and why it is suspected.");
        @operator.Field("id").Type(Types.NonNull(Types.ID)).ResolveFrom<OperatorInfo>(o => o.Id)
            .Field("name").Type(Types.String).ResolveFrom<OperatorInfo>(o => o.Name)
            .Field("confidence").Type(Types.Float).Description("Combined confidence of the detector's attribution; null for an override.").ResolveFrom<OperatorInfo>(o => o.Confidence)
            .Field("independentKinds").Type(Types.Int).ResolveFrom<OperatorInfo>(o => o.IndependentKinds)
            .Field("coverage").Type(Types.Float).Description("Share of the cluster's members that the attributed operator's matched indicators reach (an attribution needs AttributionMinCoverage or two strong members); null for an override.").ResolveFrom<OperatorInfo>(o => o.Coverage)
            .Field("matchedIndicators").Type(Types.NonNullList(indicator)).ResolveFrom<OperatorInfo>(o => o.Indicators)
            .Field("through").Type(tie).Description("Set when no indicator reaches the cluster and the operator is named through the infrastructure it shares with an attributed cluster (decision D47); then matchedIndicators is empty and coverage is the share of members that ride it.").ResolveFrom<OperatorInfo>(o => o.Through)
            .Field("overridden").Type(Types.NonNull(Types.Boolean)).Description("True when an analyst named this operator instead of the detector.").ResolveFrom<OperatorInfo>(o => o.Overridden)
            .Field("overrideReason").Type(Types.String).ResolveFrom<OperatorInfo>(o => o.OverrideReason);

        var features = b.Object<ClusterFeatures>("ClusterFeatures", "The interpretable features behind the risk score, each in [0, 1].");
        features.Field("synchrony").Type(Types.NonNull(Types.Float)).ResolveFrom<ClusterFeatures>(f => f.Synchrony)
            .Field("harvestSynchrony").Type(Types.NonNull(Types.Float)).ResolveFrom<ClusterFeatures>(f => f.HarvestSynchrony)
            .Field("templateConcentration").Type(Types.NonNull(Types.Float)).ResolveFrom<ClusterFeatures>(f => f.TemplateConcentration)
            .Field("templatePool").Type(Types.NonNull(Types.Float))
            .Description("Share of members who run a template the cluster holds (used by its concealed members far beyond chance, and more such templates than chance gives): read by members, so camouflage traffic does not dilute it; 0 when the cluster holds no pool.")
            .ResolveFrom<ClusterFeatures>(f => f.TemplatePool)
            .Field("templatePoolHarvest").Type(Types.NonNull(Types.Float))
            .Description("Weighted share of harvested capabilities among the requests on the templates of the pool the cluster holds; 0 when it holds none.")
            .ResolveFrom<ClusterFeatures>(f => f.TemplatePoolHarvest)
            .Field("capabilityConcentration").Type(Types.NonNull(Types.Float)).ResolveFrom<ClusterFeatures>(f => f.CapabilityConcentration)
            .Field("releasePivot").Type(Types.NonNull(Types.Float)).ResolveFrom<ClusterFeatures>(f => f.ReleasePivot)
            .Field("paymentSharing").Type(Types.NonNull(Types.Float)).ResolveFrom<ClusterFeatures>(f => f.PaymentSharing)
            .Field("pathwayMix").Type(Types.NonNull(Types.Float)).ResolveFrom<ClusterFeatures>(f => f.PathwayMix)
            .Field("signupBurst").Type(Types.NonNull(Types.Float)).ResolveFrom<ClusterFeatures>(f => f.SignupBurst)
            .Field("size").Type(Types.NonNull(Types.Float)).ResolveFrom<ClusterFeatures>(f => f.Size)
            .Field("volume").Type(Types.NonNull(Types.Float)).ResolveFrom<ClusterFeatures>(f => f.Volume)
            .Field("orgConsistency").Type(Types.NonNull(Types.Float)).ResolveFrom<ClusterFeatures>(f => f.OrgConsistency)
            .Field("coUse").Type(Types.NonNull(Types.Float))
            .Description("Share of members that share more distinct subnets, ASNs, templates, clients or instruments with another member than chance predicts.")
            .ResolveFrom<ClusterFeatures>(f => f.CoUse)
            .Field("groupSynchrony").Type(Types.NonNull(Types.Float))
            .Description("Joint harvesting activity per time bucket against the members' own rhythms shifted by whole days, on several days.")
            .ResolveFrom<ClusterFeatures>(f => f.GroupSynchrony)
            .Field("transparency").Type(Types.NonNull(Types.Float))
            .Description("Share of members openly of one organisation (declared name on a vetted pathway or from its own e-mail domain): counter-evidence.")
            .ResolveFrom<ClusterFeatures>(f => f.Transparency)
            .Field("openOrganisations").Type(Types.NonNull(Types.Float))
            .Description("Share of members open about their own organisation (each judged against the one it declares: vetted pathway, its own e-mail domain, or a rare name colleagues share) whose shared money and addresses stay inside it: counter-evidence; at 0.8 or more the cluster is not flagged.")
            .ResolveFrom<ClusterFeatures>(f => f.OpenOrganisations)
            .Field("onePerson").Type(Types.NonNull(Types.Float))
            .Description("Share of members that are one named person with every member their shared money and addresses reach (the same display name, too rare in the population to be chance): counter-evidence; at 0.8 or more the cluster is flagged only on harvest synchrony.")
            .ResolveFrom<ClusterFeatures>(f => f.OnePerson)
            .Field("concealment").Type(Types.NonNull(Types.Float))
            .Description("Share of members tied by shared money or infrastructure without presenting as one organisation.")
            .ResolveFrom<ClusterFeatures>(f => f.Concealment)
            .Field("concealedInstruments").Type(Types.NonNull(Types.Int))
            .Description("Distinct payment instruments members share across organisations (or where either declares none): one operator's money over unrelated identities. With payment sharing, concealment and co-use each at 0.5 or more, 3 or more count as harvesting (the reseller reading).")
            .ResolveFrom<ClusterFeatures>(f => f.ConcealedInstruments)
            .Field("sharedTemplateHarvest").Type(Types.NonNull(Types.Float))
            .Description("Weighted share of harvested capabilities among the requests on templates shared by many members: the campaign's own prompts, however much resold traffic surrounds them.")
            .ResolveFrom<ClusterFeatures>(f => f.SharedTemplateHarvest)
            .Field("harvestSpanDays").Type(Types.NonNull(Types.Float))
            .Description("Days holding the central 90 % of the cluster's harvesting requests (not in [0, 1]); at most 2 marks a one-off event, flagged only on a release pivot or harvest synchrony.")
            .ResolveFrom<ClusterFeatures>(f => f.HarvestSpanDays)
            .Field("memberCount").Type(Types.NonNull(Types.Int)).ResolveFrom<ClusterFeatures>(f => f.MemberCount)
            .Field("requestCount").Type(Types.NonNull(Types.Long)).ResolveFrom<ClusterFeatures>(f => f.RequestCount);

        var provenance = b.Object<ProvenanceRecord>("Provenance", "An input record behind an evidence link.");
        provenance.Field("kind").Type(Types.NonNull(Types.String)).ResolveFrom<ProvenanceRecord>(p => p.Kind)
            .Field("account").Type(Types.NonNull(Types.ID)).ResolveFrom<ProvenanceRecord>(p => p.Account)
            .Field("value").Type(Types.String).ResolveFrom<ProvenanceRecord>(p => p.Value)
            .Field("requestId").Type(Types.String).ResolveFrom<ProvenanceRecord>(p => p.RequestId)
            .Field("firstSeen").Type(Types.DateTime).ResolveFrom<ProvenanceRecord>(p => p.FirstSeen)
            .Field("lastSeen").Type(Types.DateTime).ResolveFrom<ProvenanceRecord>(p => p.LastSeen)
            .Field("count").Type(Types.Int).ResolveFrom<ProvenanceRecord>(p => p.Count);

        var link = b.Object<EvidenceLink>("EvidenceLink", "One account–account link: the rule that made it, its weight and the records behind it.");
        link.Field("rule").Type(Types.NonNull(Types.String)).ResolveFrom<EvidenceLink>(l => l.Rule)
            .Field("weight").Type(Types.NonNull(Types.Float)).ResolveFrom<EvidenceLink>(l => l.Weight)
            .Field("from").Type(Types.NonNull(Types.ID)).ResolveFrom<EvidenceLink>(l => l.From)
            .Field("to").Type(Types.NonNull(Types.ID)).ResolveFrom<EvidenceLink>(l => l.To)
            .Field("summary").Type(Types.NonNull(Types.String)).ResolveFrom<EvidenceLink>(l => l.Summary)
            .Field("provenance").Type(Types.NonNullList(provenance)).Description("Every record behind the link; provenanceRecords pages them.").ResolveFrom<EvidenceLink>(l => l.Records)
            .Field("provenanceCount").Type(Types.NonNull(Types.Int)).Description("How many records are behind the link.").ResolveFrom<EvidenceLink>(l => l.Records.Count)
            .Field("provenanceRecords").Type(Types.NonNull(connections.Of("Provenance"))).Paged().Description("The records behind the link, a page at a time.")
            .Resolve(ctx => ConnectionTypes.Slice(ctx, ctx.Parent<EvidenceLink>().Records));

        var step = b.Object<EvidenceStep>("EvidenceStep", "A member's step toward the cluster's core: the links to its parent.");
        // A step is part of the run's evidence (held by ClusterIndex) and never changes: a page of steps without records
        // (what evidenceSteps sends) is reused as JSON across requests; a selection with provenanceRecords or link(index)
        // has resolvers and is completed each time.
        step.ImmutableValues = true;
        step.Field("account").Type(Types.NonNull(Types.ID)).ResolveFrom<EvidenceStep>(s => s.Member)
            .Field("parent").Type(Types.ID).ResolveFrom<EvidenceStep>(s => s.Parent)
            .Field("depth").Type(Types.NonNull(Types.Int)).ResolveFrom<EvidenceStep>(s => s.Depth)
            .Field("links").Type(Types.NonNullList(link)).ResolveFrom<EvidenceStep>(s => s.Links)
            .Field("matchedIndicators").Type(Types.NonNullList(Types.String)).ResolveFrom<EvidenceStep>(s => s.MatchedIndicators)
            .Field("link").Type(link).Argument("index", Types.NonNull(Types.Int)).ArgumentDescription("Position in links, from 0.")
            .Description("One of the links by its position (null out of range), to page its records alone.")
            .Resolve(ctx => EvidenceSteps.LinkAt(ctx.Parent<EvidenceStep>(), ctx.Arg<int>("index")));

        var chain = b.Object<EvidenceChain>("EvidenceChain", "Why one member is in the cluster: its chain of links up to the core.");
        // A chain is built once per run and member (ClusterIndex.ChainAt) and never changes: the engine may reuse its
        // completed selection across requests (the bulk of a cluster-detail response).
        chain.ImmutableValues = true;
        chain.Field("account").Type(Types.NonNull(Types.Named("Account"))).ResolveFrom<EvidenceChain>(c => new AccountView(c.Account, null, null, false))
            .Field("depth").Type(Types.NonNull(Types.Int)).ResolveFrom<EvidenceChain>(c => c.Depth)
            .Field("links").Type(Types.NonNullList(link)).Description("The links of every step, from the member up to the core.").ResolveFrom<EvidenceChain>(c => c.Links)
            .Field("steps").Type(Types.NonNullList(step)).ResolveFrom<EvidenceChain>(c => c.Steps)
            .Field("matchedIndicators").Type(Types.NonNullList(Types.String)).Description("Operator indicators the member itself matches.").ResolveFrom<EvidenceChain>(c => c.MatchedIndicators);

        var counter = b.Object<CounterEvidence>("CounterEvidence", "Something that speaks against one operator (a widely shared IP, an own-organisation card ...).");
        counter.Field("kind").Type(Types.NonNull(Types.String)).ResolveFrom<CounterEvidence>(c => c.Kind)
            .Field("subject").Type(Types.NonNull(Types.String)).ResolveFrom<CounterEvidence>(c => c.Subject)
            .Field("summary").Type(Types.NonNull(Types.String)).ResolveFrom<CounterEvidence>(c => c.Summary)
            .Field("count").Type(Types.NonNull(Types.Int)).ResolveFrom<CounterEvidence>(c => c.Count);

        var lineageKind = b.Enum<ClusterLineage>("LineageKind", "How a cluster relates to the previous run's clusters.");
        var lineage = b.Object<DetectedCluster>("ClusterLineage", "Where the cluster comes from across runs.");
        lineage.Field("kind").Type(Types.NonNull(lineageKind)).ResolveFrom<DetectedCluster>(c => c.Lineage)
            .Field("parents").Type(Types.NonNullList(Types.ID)).Description("Ids of the previous run's clusters this one came from.").ResolveFrom<DetectedCluster>(c => c.LineageParents);

        var bucket = b.Object<ActivityBucket>("ActivityBucket", "Requests of the cluster's members in one time bucket, model and capability.");
        bucket.Field("start").Type(Types.NonNull(Types.DateTime)).ResolveFrom<ActivityBucket>(a => a.Start)
            .Field("model").Type(Types.NonNull(Types.String)).ResolveFrom<ActivityBucket>(a => a.Model)
            .Field("capability").Type(Types.String).ResolveFrom<ActivityBucket>(a => a.Capability)
            .Field("requests").Type(Types.NonNull(Types.Long)).ResolveFrom<ActivityBucket>(a => a.Requests);
        var granularity = b.Enum<ActivityGranularity>("ActivityGranularity", "Bucket width of an activity timeline.");

        var shared = b.Object<SharedResource>("SharedResource", "A payment fingerprint, IP or ASN used by several members, and by how many accounts outside.");
        shared.Field("kind").Type(Types.NonNull(Types.String)).ResolveFrom<SharedResource>(s => s.Kind)
            .Field("value").Type(Types.NonNull(Types.String)).ResolveFrom<SharedResource>(s => s.Value)
            .Field("label").Type(Types.String).ResolveFrom<SharedResource>(s => s.Label)
            .Field("insideAccounts").Type(Types.NonNull(Types.Int)).ResolveFrom<SharedResource>(s => s.InsideAccounts)
            .Field("outsideAccounts").Type(Types.NonNull(Types.Int)).ResolveFrom<SharedResource>(s => s.OutsideAccounts);

        var cluster = b.Object<ClusterView>("Cluster", "A coordinated group of accounts found by a detection run.");
        cluster.Field("id").Type(Types.NonNull(Types.ID)).ResolveFrom<ClusterView>(c => c.Id)
            .Field("runId").Type(Types.NonNull(Types.String)).ResolveFrom<ClusterView>(c => c.Run.RunId)
            .Field("riskScore").Type(Types.NonNull(Types.Float)).ResolveFrom<ClusterView>(c => c.Cluster.RiskScore)
            .Field("flagged").Type(Types.NonNull(Types.Boolean)).ResolveFrom<ClusterView>(c => c.Cluster.Flagged)
            .Field("size").Type(Types.NonNull(Types.Int)).ResolveFrom<ClusterView>(c => c.Cluster.Members.Count)
            .Field("operator").Type(@operator).Description("The suspected operator in force: an analyst's override, else the detector's attribution.").ResolveFrom<ClusterView>(EffectiveOperator)
            .Field("originalOperator").Type(@operator).Description("The detector's attribution, unchanged by overrides.").ResolveFrom<ClusterView>(c => OperatorInfo.Detector(c.Cluster.Operator))
            .Field("operatorOverrides").Type(Types.NonNullList(Types.Named("OperatorOverride")))
            .Resolve((ctx, ct) => ctx.Send(new ListOperatorOverridesQuery(ctx.Parent<ClusterView>().Id), ct))
            .Field("features").Type(Types.NonNull(features)).ResolveFrom<ClusterView>(c => c.Cluster.Features)
            .Field("members").Type(Types.NonNull(connections.Of("Account"))).Paged()
            .Resolve(ctx => ConnectionTypes.Slice(ctx, Members(ctx.Parent<ClusterView>())))
            .Field("evidenceRoot").Type(Types.ID).Description("The core member the evidence chains lead to (flagged clusters only).").ResolveFrom<ClusterView>(c => c.Cluster.Evidence?.Root)
            .Field("evidenceChains").Type(Types.NonNull(connections.Of("EvidenceChain"))).Paged().Description("Why each member is in the cluster (flagged clusters only).")
            .Deprecated(EvidenceSteps.ChainsDeprecation)
            .Resolve(ctx => ConnectionTypes.Slice(ctx, Chains(ctx.Parent<ClusterView>())))
            .Field("evidenceSteps").Type(Types.NonNull(connections.Of("EvidenceStep"))).Paged()
            .Argument("ancestorsOf", Types.ID).ArgumentDescription("A member: its chain instead, from its own step up to the core (empty when it has no step).")
            .Description(EvidenceSteps.StepsDescription)
            .Resolve(EvidenceSteps.Page)
            .Field("evidenceStep").Type(step).Argument("account", Types.NonNull(Types.ID))
            .Description("One member's evidence step (null when it has none), e.g. to load its links' records when an investigator opens it.")
            .Resolve(ctx => ctx.Parent<ClusterView>().Index.StepOf(ctx.Arg<string>("account")))
            .Field("counterEvidence").Type(Types.NonNullList(counter)).ResolveFrom<ClusterView>(c => c.Cluster.CounterEvidence)
            .Field("lineage").Type(Types.NonNull(lineage)).ResolveFrom<ClusterView>(c => c.Cluster)
            .Field("firstActivity").Type(Types.DateTime).ResolveFrom<ClusterView>(c => c.Run.ActivityOf(c.Id)?.First)
            .Field("lastActivity").Type(Types.DateTime).ResolveFrom<ClusterView>(c => c.Run.ActivityOf(c.Id)?.Last)
            .Field("activity").Type(Types.NonNullList(bucket)).Argument("granularity", Types.NonNull(granularity), ActivityGranularity.Day)
            // An hourly timeline of a month-long campaign has hundreds of buckets per model: cost it as such, so that
            // 1,000 aliases of it are refused before execution (issue 17: 300 MB from a 31 KB query).
            .ListSize(500)
            .Description("Requests per hour or day by model and capability.")
            .Resolve((ctx, ct) => ctx.Send(new GetClusterActivityQuery(ctx.Parent<ClusterView>().Id, ctx.Arg<ActivityGranularity>("granularity")), ct))
            .Field("sharedInfrastructure").Type(Types.NonNullList(shared))
            .Resolve((ctx, ct) => ctx.Send(new GetSharedInfrastructureQuery(ctx.Parent<ClusterView>().Id), ct))
            .Field("verdicts").Type(Types.NonNullList(Types.Named("ClusterVerdict"))).Description("Investigators' verdicts, oldest first.")
            .Resolve((ctx, ct) => ctx.Send(new ListVerdictsQuery(ctx.Parent<ClusterView>().Id), ct));
        Workbench.WorkbenchSchema.Register(b, cluster);
    }

    private static OperatorInfo? EffectiveOperator(ClusterView c)
    {
        if (c.Override is not { } o)
        {
            return OperatorInfo.Detector(c.Cluster.Operator);
        }

        var same = c.Cluster.Operator is { } a && a.OperatorId == o.OperatorId;
        return new OperatorInfo(o.OperatorId, same ? c.Cluster.Operator!.OperatorName : null, null, null,
            same ? c.Cluster.Operator!.Indicators : [], true, o.Reason);
    }

    private static AccountView[] Members(ClusterView c)
    {
        var members = c.Cluster.Members;
        var views = new AccountView[members.Count];
        for (var i = 0; i < views.Length; i++)
        {
            views[i] = new AccountView(members[i], c.Id, null, false);
        }

        return views;
    }

    private static LazyChains Chains(ClusterView c) => new(c.Index);
}
