using System.Runtime.InteropServices;
using System.Text;

namespace PyCompat.PythonHost.Embedding;

/// <summary>
/// The few functions of CPython's C API the runner calls, bound to one loaded libpython. All of them exist,
/// with these signatures, from 3.9 to 3.13; each call happens on the thread that initialized Python, which
/// keeps the GIL for the whole run.
/// </summary>
internal sealed unsafe class CPythonApi
{
    private const int FileInput = 257; // Py_file_input

    private readonly delegate* unmanaged<IntPtr, void> _setProgramName;
    private readonly delegate* unmanaged<IntPtr, void> _setPythonHome;
    private readonly delegate* unmanaged<int, void> _initializeEx;
    private readonly delegate* unmanaged<int> _finalizeEx;
    private readonly delegate* unmanaged<byte*, byte*, int, IntPtr> _compileString;
    private readonly delegate* unmanaged<byte*, IntPtr, byte*, IntPtr> _execCodeModule;
    private readonly delegate* unmanaged<byte*, IntPtr> _importModule;
    private readonly delegate* unmanaged<IntPtr, byte*, IntPtr> _getAttrString;
    private readonly delegate* unmanaged<IntPtr, nint> _longAsLong;
    private readonly delegate* unmanaged<IntPtr, void> _decRef;
    private readonly delegate* unmanaged<byte*, int> _runSimpleString;
    private readonly delegate* unmanaged<void> _errPrint;

    public CPythonApi(IntPtr library)
    {
        IntPtr Export(string name) => NativeLibrary.GetExport(library, name);
        _setProgramName = (delegate* unmanaged<IntPtr, void>)Export("Py_SetProgramName");
        _setPythonHome = (delegate* unmanaged<IntPtr, void>)Export("Py_SetPythonHome");
        _initializeEx = (delegate* unmanaged<int, void>)Export("Py_InitializeEx");
        _finalizeEx = (delegate* unmanaged<int>)Export("Py_FinalizeEx");
        _compileString = (delegate* unmanaged<byte*, byte*, int, IntPtr>)Export("Py_CompileString");
        _execCodeModule = (delegate* unmanaged<byte*, IntPtr, byte*, IntPtr>)Export("PyImport_ExecCodeModuleEx");
        _importModule = (delegate* unmanaged<byte*, IntPtr>)Export("PyImport_ImportModule");
        _getAttrString = (delegate* unmanaged<IntPtr, byte*, IntPtr>)Export("PyObject_GetAttrString");
        _longAsLong = (delegate* unmanaged<IntPtr, nint>)Export("PyLong_AsLong");
        _decRef = (delegate* unmanaged<IntPtr, void>)Export("Py_DecRef");
        _runSimpleString = (delegate* unmanaged<byte*, int>)Export("PyRun_SimpleString");
        _errPrint = (delegate* unmanaged<void>)Export("PyErr_Print");
    }

    /// <summary>Py_SetProgramName: becomes sys.executable. The string must outlive the interpreter.</summary>
    public void SetProgramName(string path) => _setProgramName(WideString(path));

    /// <summary>Py_SetPythonHome: where the standard library is. The string must outlive the interpreter.</summary>
    public void SetPythonHome(string path) => _setPythonHome(WideString(path));

    /// <summary>Py_InitializeEx(1): as python3 starts, with its signal set-up (SIGPIPE ignored, ...).</summary>
    public void Initialize() => _initializeEx(1);

    /// <summary>Py_FinalizeEx: joins threads, runs atexit, flushes; false when flushing failed (python3 then exits 120).</summary>
    public bool Finalize() => _finalizeEx() == 0;

    /// <summary>Compiles <paramref name="source"/> and runs it as the module <paramref name="name"/>.</summary>
    public void ExecModule(string name, string source, string fileName)
    {
        fixed (byte* sourceBytes = Utf8(source))
        fixed (byte* nameBytes = Utf8(name))
        fixed (byte* fileBytes = Utf8(fileName))
        {
            var code = _compileString(sourceBytes, fileBytes, FileInput);
            var module = code == IntPtr.Zero ? IntPtr.Zero : _execCodeModule(nameBytes, code, fileBytes);
            if (code != IntPtr.Zero)
                _decRef(code);
            if (module == IntPtr.Zero)
                Fail($"loading the runner module {name}");
            _decRef(module);
        }
    }

    /// <summary>PyRun_SimpleString: runs statements in __main__; false (after printing the error) when they raised.</summary>
    public bool Run(string statements)
    {
        fixed (byte* bytes = Utf8(statements))
            return _runSimpleString(bytes) == 0;
    }

    /// <summary>Reads <c>module.attribute</c> as an integer.</summary>
    public long ReadInt(string module, string attribute)
    {
        fixed (byte* moduleBytes = Utf8(module))
        fixed (byte* attributeBytes = Utf8(attribute))
        {
            var moduleObject = _importModule(moduleBytes);
            if (moduleObject == IntPtr.Zero)
                Fail($"importing {module}");
            var value = _getAttrString(moduleObject, attributeBytes);
            _decRef(moduleObject);
            if (value == IntPtr.Zero)
                Fail($"reading {module}.{attribute}");
            var result = _longAsLong(value);
            _decRef(value);
            return result;
        }
    }

    private void Fail(string what)
    {
        _errPrint();
        throw new InvalidOperationException($"The embedded runner failed {what}; the Python error is above.");
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text + "\0");

    /// <summary>A NUL-terminated wchar_t string that is never freed, as Py_SetProgramName requires.</summary>
    private static IntPtr WideString(string text)
    {
        var encoding = OperatingSystem.IsWindows() ? Encoding.Unicode : Encoding.UTF32;
        var bytes = encoding.GetBytes(text + "\0");
        var memory = Marshal.AllocHGlobal(bytes.Length);
        Marshal.Copy(bytes, 0, memory, bytes.Length);
        return memory;
    }
}
