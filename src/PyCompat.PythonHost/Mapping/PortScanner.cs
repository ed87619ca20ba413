using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using PyCompat.Multiprocessing;

namespace PyCompat.PythonHost.Mapping;

/// <summary>
/// Lists the ports in an assembly file: the static methods marked <c>[PyTarget(module, name)]</c> and the classes marked
/// <c>[PyClass(module, name)]</c>, the same ones the worker host resolves. It reads the metadata only, so nothing of the assembly is loaded or run in the host.
/// </summary>
public static class PortScanner
{
    private static readonly string AttributeNamespace = typeof(PyTargetAttribute).Namespace!;
    private static readonly string AttributeName = typeof(PyTargetAttribute).Name;
    private static readonly string ClassAttributeName = typeof(PyClassAttribute).Name;

    /// <summary>The ports in the assembly at <paramref name="path"/>, in metadata order.</summary>
    /// <exception cref="MappingException">the file is missing or is not a .NET assembly.</exception>
    public static IReadOnlyList<PortTarget> Scan(string path)
    {
        if (!File.Exists(path))
            throw new MappingException($"{path}: no such file");
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
                throw new MappingException($"{path} is not a .NET assembly");
            return Scan(pe.GetMetadataReader());
        }
        catch (BadImageFormatException error)
        {
            throw new MappingException($"{path} is not a .NET assembly ({error.Message})", error);
        }
    }

    private static List<PortTarget> Scan(MetadataReader metadata)
    {
        var ports = new List<PortTarget>();
        foreach (var typeHandle in metadata.TypeDefinitions)
        {
            foreach (var attributeHandle in metadata.GetTypeDefinition(typeHandle).GetCustomAttributes())
            {
                var attribute = metadata.GetCustomAttribute(attributeHandle);
                if (IsAttribute(metadata, attribute.Constructor, ClassAttributeName) &&
                    attribute.DecodeValue(StringArguments.Instance).FixedArguments is [{ Value: string module }, { Value: string name }])
                    ports.Add(new PortTarget(module, name, IsClass: true));
            }

            foreach (var methodHandle in metadata.GetTypeDefinition(typeHandle).GetMethods())
            {
                var method = metadata.GetMethodDefinition(methodHandle);
                if ((method.Attributes & MethodAttributes.Static) == 0)
                    continue; // the worker host runs static ports only
                foreach (var attributeHandle in method.GetCustomAttributes())
                {
                    var attribute = metadata.GetCustomAttribute(attributeHandle);
                    if (!IsAttribute(metadata, attribute.Constructor, AttributeName))
                        continue;
                    var value = attribute.DecodeValue(StringArguments.Instance);
                    if (value.FixedArguments is [{ Value: string module }, { Value: string name }])
                        ports.Add(new PortTarget(module, name));
                }
            }
        }

        return ports;
    }

    private static bool IsAttribute(MetadataReader metadata, EntityHandle constructor, string attributeName)
    {
        EntityHandle type;
        if (constructor.Kind == HandleKind.MemberReference)
            type = metadata.GetMemberReference((MemberReferenceHandle)constructor).Parent;
        else if (constructor.Kind == HandleKind.MethodDefinition)
            type = metadata.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType();
        else
            return false;

        return type.Kind switch
        {
            HandleKind.TypeReference when metadata.GetTypeReference((TypeReferenceHandle)type) is var reference =>
                metadata.StringComparer.Equals(reference.Name, attributeName) &&
                metadata.StringComparer.Equals(reference.Namespace, AttributeNamespace),
            HandleKind.TypeDefinition when metadata.GetTypeDefinition((TypeDefinitionHandle)type) is var definition =>
                metadata.StringComparer.Equals(definition.Name, attributeName) &&
                metadata.StringComparer.Equals(definition.Namespace, AttributeNamespace),
            _ => false,
        };
    }

    /// <summary>Decodes attribute arguments; <c>[PyTarget]</c> has two strings, anything else is only named.</summary>
    private sealed class StringArguments : ICustomAttributeTypeProvider<string>
    {
        public static readonly StringArguments Instance = new();

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSystemType() => "System.Type";

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
            reader.GetString(reader.GetTypeDefinition(handle).Name);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
            reader.GetString(reader.GetTypeReference(handle).Name);

        public string GetTypeFromSerializedName(string name) => name;

        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

        public bool IsSystemType(string type) => type == "System.Type";
    }
}
