using System.Reflection;

namespace Winnow.Settings;

/// <summary>A shallow copy of an options record (what <c>with { }</c> does), for code that only knows the record at run time.</summary>
internal static class RecordCopy
{
    private static readonly MethodInfo Clone = typeof(object).GetMethod("MemberwiseClone", BindingFlags.Instance | BindingFlags.NonPublic)!;

    public static object Of(object record) => Clone.Invoke(record, null)!;
}
