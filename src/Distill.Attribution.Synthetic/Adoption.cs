namespace Distill.Attribution.Synthetic;

/// <summary>How soon after a release an account moves to a new model (docs/generator.md, "Time").</summary>
internal enum Adoption
{
    Pivot,
    Fast,
    Eager,
    Normal,
    Slow,
    Pinned,
}
