namespace Legacy;

public interface IVisitor { void visit_node(int node); }

public abstract class Base { protected abstract void on_start(); }
