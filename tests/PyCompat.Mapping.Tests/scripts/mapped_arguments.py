"""Real pickle arguments of every shape cross to a target that prints each with Python's repr.

Under `pycompat run --map --targets PyCompat.Mapping.TestTargets.dll` the target is its C# port (TestTargets/
ArgumentPorts.cs), which must print the identical lines.
"""
import datetime
import decimal
import multiprocessing


def show(integers, floats, text, binary, buffer, nothing, flags, nested, numbers, frozen, when, amounts, *, label,
         options=None):
    """Prints every argument with repr, one a line, keyword arguments last."""
    for value in integers:
        print(repr(value))
    for value in floats:
        print(repr(value))
    print(repr(text))
    print(repr(binary))
    print(repr(buffer))
    print(repr(nothing))
    print(repr(flags))
    print(repr(nested))
    print(repr(numbers))
    print(repr(frozen))
    print(repr(when))
    print(repr(amounts))
    print(repr(label))
    print(repr(options))


if __name__ == "__main__":
    args = (
        [0, 1, -1, 2**31 - 1, 2**31, 2**63 - 1, -2**63, 2**64, -(2**64) - 1, 2**100, -(3**90), 10**40 + 7],
        (0.0, -0.0, 1.5, 0.1, 1e-300, 5e-324, 1.7976931348623157e308, 1e22, 1e16, 123456789.125, float("inf"),
         float("-inf"), float("nan")),
        "héllo wörld ✓ 日本語 😀 'single' \"double\" back\\slash\ttab\nnewline \x00 \x7f \u200b",
        b"\x00\x01abc\xff'\"\\\n",
        bytearray(b"xyz\x80\x00"),
        None,
        (True, False, [True, None]),
        (1, [2, (3, {"k": [4, 5]})], {"a": (), "b": [], "c": {}}, {(1, 2): "pair", 3: None, "x": (7,)}),
        {1, 2, 3, 100, -5},
        (frozenset({4, 5, 6}), frozenset(), set()),
        (datetime.datetime(2024, 2, 29, 13, 45, 30, 123456), datetime.date(1999, 12, 31),
         datetime.datetime(2000, 1, 1)),
        (decimal.Decimal("3.14159265358979323846264338327950288"), decimal.Decimal("1.50"), decimal.Decimal("-0"),
         decimal.Decimal("1E+2"), decimal.Decimal("NaN"), decimal.Decimal("-12345.678")),
    )
    kwargs = {"label": "étiquette", "options": {"retries": 3, "ratio": 0.5, "tags": ("a", "b"), "none": None}}
    p = multiprocessing.Process(target=show, args=args, kwargs=kwargs)
    p.start()
    p.join()
    print("exitcode:", p.exitcode)
