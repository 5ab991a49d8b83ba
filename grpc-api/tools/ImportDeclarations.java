import com.google.protobuf.DescriptorProtos.*;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.nio.file.*;
import java.util.*;
/**
 * Writes the declarations of the file descriptors TF Java compiled into its classes back as .proto files, for
 * protoc to import. Run once per TF Java upgrade (see ../README.md); not part of the build.
 */
public class ImportDeclarations {
  public static void main(String[] a) throws Exception {
    Path out = Path.of(a[0]);
    Deque<FileDescriptor> q = new ArrayDeque<>();
    for (int i = 1; i < a.length; i++) q.add((FileDescriptor) Class.forName(a[i]).getMethod("getDescriptor").invoke(null));
    Set<String> seen = new HashSet<>();
    while (!q.isEmpty()) {
      FileDescriptor f = q.poll();
      if (f.getName().startsWith("google/protobuf/") || !seen.add(f.getName())) continue;
      q.addAll(f.getDependencies());
      FileDescriptorProto p = f.toProto();
      StringBuilder s = new StringBuilder();
      s.append("// Declarations of ").append(p.getName()).append(" as compiled into TensorFlow Java 1.1.0\n");
      s.append("// (org.tensorflow:tensorflow-core-native, org.tensorflow.proto). Import-only: Verso generates no code\n");
      s.append("// from this file. Copyright The TensorFlow Authors, Apache License 2.0 (see LICENSE-tensorflow).\n");
      s.append("syntax = \"").append(p.getSyntax().isEmpty() ? "proto2" : p.getSyntax()).append("\";\n\n");
      s.append("package ").append(p.getPackage()).append(";\n\n");
      for (int i = 0; i < p.getDependencyCount(); i++)
        s.append("import ").append(p.getPublicDependencyList().contains(i) ? "public " : "").append('"').append(p.getDependency(i)).append("\";\n");
      s.append('\n');
      FileOptions o = p.getOptions();
      if (o.hasJavaPackage()) s.append("option java_package = \"").append(o.getJavaPackage()).append("\";\n");
      if (o.hasJavaOuterClassname()) s.append("option java_outer_classname = \"").append(o.getJavaOuterClassname()).append("\";\n");
      if (o.hasJavaMultipleFiles()) s.append("option java_multiple_files = ").append(o.getJavaMultipleFiles()).append(";\n");
      s.append('\n');
      boolean p2 = p.getSyntax().isEmpty() || p.getSyntax().equals("proto2");
      for (EnumDescriptorProto e : p.getEnumTypeList()) enumDecl(s, e, "");
      for (DescriptorProto m : p.getMessageTypeList()) message(s, m, "", p2);
      if (p.getServiceCount() > 0 || p.getExtensionCount() > 0) throw new IllegalStateException(p.getName());
      Path target = out.resolve(p.getName());
      Files.createDirectories(target.getParent());
      Files.writeString(target, s.toString());
      System.out.println(p.getName());
    }
  }
  static void enumDecl(StringBuilder s, EnumDescriptorProto e, String in) {
    s.append(in).append("enum ").append(e.getName()).append(" {\n");
    if (e.getOptions().getAllowAlias()) s.append(in).append("  option allow_alias = true;\n");
    for (EnumValueDescriptorProto v : e.getValueList()) s.append(in).append("  ").append(v.getName()).append(" = ").append(v.getNumber()).append(";\n");
    s.append(in).append("}\n");
  }
  static void message(StringBuilder s, DescriptorProto m, String in, boolean p2) {
    s.append(in).append("message ").append(m.getName()).append(" {\n");
    String inner = in + "  ";
    Map<String, DescriptorProto> maps = new HashMap<>();
    for (DescriptorProto n : m.getNestedTypeList()) {
      if (n.getOptions().getMapEntry()) maps.put(n.getName(), n); else message(s, n, inner, p2);
    }
    for (EnumDescriptorProto e : m.getEnumTypeList()) enumDecl(s, e, inner);
    Map<Integer, List<FieldDescriptorProto>> oneofs = new TreeMap<>();
    for (FieldDescriptorProto f : m.getFieldList()) {
      if (f.hasOneofIndex() && !f.getProto3Optional()) { oneofs.computeIfAbsent(f.getOneofIndex(), k -> new ArrayList<>()).add(f); continue; }
      field(s, f, inner, maps, p2, true);
    }
    for (var e : oneofs.entrySet()) {
      s.append(inner).append("oneof ").append(m.getOneofDecl(e.getKey()).getName()).append(" {\n");
      for (FieldDescriptorProto f : e.getValue()) field(s, f, inner + "  ", maps, p2, false);
      s.append(inner).append("}\n");
    }
    for (var r : m.getReservedRangeList()) s.append(inner).append("reserved ").append(r.getStart()).append(r.getEnd() - 1 > r.getStart() ? " to " + (r.getEnd() - 1) : "").append(";\n");
    for (String r : m.getReservedNameList()) s.append(inner).append("reserved \"").append(r).append("\";\n");
    if (m.getExtensionRangeCount() > 0 || m.getExtensionCount() > 0) throw new IllegalStateException(m.getName());
    s.append(in).append("}\n");
  }
  static void field(StringBuilder s, FieldDescriptorProto f, String in, Map<String, DescriptorProto> maps, boolean p2, boolean labelled) {
    s.append(in);
    String type = type(f);
    if (f.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED && maps.containsKey(simple(f.getTypeName()))) {
      DescriptorProto e = maps.get(simple(f.getTypeName()));
      type = "map<" + type(e.getField(0)) + ", " + type(e.getField(1)) + ">";
    } else if (labelled) {
      if (f.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED) s.append("repeated ");
      else if (f.getProto3Optional()) s.append("optional ");
      else if (p2 && f.getLabel() == FieldDescriptorProto.Label.LABEL_OPTIONAL) s.append("optional ");
      else if (f.getLabel() == FieldDescriptorProto.Label.LABEL_REQUIRED) s.append("required ");
    }
    s.append(type).append(' ').append(f.getName()).append(" = ").append(f.getNumber());
    List<String> opts = new ArrayList<>();
    if (f.getOptions().hasPacked()) opts.add("packed = " + f.getOptions().getPacked());
    if (f.getOptions().getDeprecated()) opts.add("deprecated = true");
    if (f.hasDefaultValue()) opts.add("default = " + (f.getType() == FieldDescriptorProto.Type.TYPE_STRING ? "\"" + f.getDefaultValue() + "\"" : f.getDefaultValue()));
    if (!opts.isEmpty()) s.append(" [").append(String.join(", ", opts)).append(']');
    s.append(";\n");
  }
  static String simple(String typeName) { return typeName.substring(typeName.lastIndexOf('.') + 1); }
  static String type(FieldDescriptorProto f) {
    return switch (f.getType()) {
      case TYPE_MESSAGE, TYPE_ENUM -> f.getTypeName();
      case TYPE_GROUP -> throw new IllegalStateException("group");
      default -> f.getType().name().substring(5).toLowerCase();
    };
  }
}
