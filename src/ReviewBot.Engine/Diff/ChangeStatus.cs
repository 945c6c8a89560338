namespace ReviewBot.Engine.Diff;

/// <summary>What a change did to a file, as git reports it.</summary>
public enum ChangeStatus
{
    Added,
    Modified,
    Renamed,
    Copied,
    Deleted,
    TypeChanged,
}
