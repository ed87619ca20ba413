using System.Security.Cryptography;

namespace PyCompat.Multiprocessing;

/// <summary>
/// What a process hands down to the children it starts (CPython's <c>_config</c>): the authentication key,
/// and whether the process is a daemon.
/// </summary>
internal sealed record ProcessConfig(byte[] AuthKey, bool Daemon)
{
    /// <summary>A main process's config: a fresh random key, as <c>os.urandom(32)</c> makes one.</summary>
    public static ProcessConfig NewMain() => new(RandomNumberGenerator.GetBytes(32), false);
}
